package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.seedforge.contracts.ExampleFormat;

/**
 * Job specs of many kinds, written for these tests (not tuned to any gallery job), and the teacher prompt of the wire
 * protocol v2 for one call of each: task, optional system prompt and tools, format, seeds in the job's own format,
 * directives, optional already-have digests, count.
 */
final class TaskSpecs {

    static final ObjectMapper MAPPER = new ObjectMapper();

    record Spec(String name, String task, String systemPrompt, ExampleFormat format, List<String> tools,
            List<String> seeds) {
    }

    static final Spec SUPPORT_CHAT = new Spec("support-chat",
            "A customer support assistant for Brightline, an online electronics shop. Customers ask about orders,"
                    + " returns, refunds and deliveries over several messages; the assistant answers politely,"
                    + " asks for what it needs and refers to what the customer said earlier.",
            "You are Brightline's support assistant.", ExampleFormat.SHAREGPT, List.of(), List.of(
                    """
                            {"conversations":[{"from":"human","value":"Hi, my order #48213 hasn't arrived yet. It was supposed to come on Monday."},{"from":"gpt","value":"I'm sorry about the delay with order #48213. I can see it left our warehouse on Friday; the courier shows it in transit. Could you confirm the delivery postcode?"},{"from":"human","value":"It's 90210."},{"from":"gpt","value":"Thanks. The courier lists 90210 as the destination and expects to deliver tomorrow before 6 pm. If it doesn't arrive by then, I'll send a replacement right away."}]}""",
                    """
                            {"conversations":[{"from":"human","value":"I want to return the headphones I bought last week, they hurt my ears."},{"from":"gpt","value":"I'm sorry the headphones aren't comfortable. You can return them within 30 days. Do you still have the original packaging?"},{"from":"human","value":"Yes, I kept the box."},{"from":"gpt","value":"Perfect. I've emailed you a prepaid return label; pack the headphones in their box and drop it at any post office. Your refund goes out once we receive them."}]}""",
                    """
                            {"conversations":[{"from":"human","value":"Why was I charged twice for the same laptop?"},{"from":"gpt","value":"I understand how worrying a double charge is. One of the two charges is a card authorisation hold that your bank releases within 3 to 5 business days. May I have the order number to check?"},{"from":"human","value":"Order 55120."},{"from":"gpt","value":"Order 55120 shows a single completed payment of $899.00, so the second entry is the authorisation hold. It will disappear from your statement by Friday."}]}""",
                    """
                            {"conversations":[{"from":"human","value":"Can I change the delivery address on my order? I'm moving."},{"from":"gpt","value":"Yes, as long as the order hasn't shipped. Which order is it, and what is the new address?"},{"from":"human","value":"Order 61877, new address 12 Elm Street, Springfield."},{"from":"gpt","value":"Done: order 61877 will now go to 12 Elm Street, Springfield. You'll get an updated confirmation email in a few minutes."}]}""",
                    """
                            {"conversations":[{"from":"human","value":"My new phone screen is cracked right out of the box."},{"from":"gpt","value":"I'm very sorry, that should never happen. Could you send a photo of the screen and the order number?"},{"from":"human","value":"Order 70342, photo attached."},{"from":"gpt","value":"Thank you. I've approved a replacement for order 70342; it ships today and a courier will collect the damaged phone when it arrives."}]}""",
                    """
                            {"conversations":[{"from":"human","value":"How long does a refund take after you get my return?"},{"from":"gpt","value":"Once the return is checked in, refunds take 5 to 7 business days to reach your card. Is there a particular return you'd like me to track?"},{"from":"human","value":"Yes, the blender, return RMA-20931."},{"from":"gpt","value":"RMA-20931 for the blender was received yesterday and the refund was issued this morning, so it should reach your card within the week."}]}"""));

    static final String RUN_SQL = """
            {"type":"function","function":{"name":"run_sql","description":"Run a read-only SQL query on the analytics warehouse and return the rows.","parameters":{"type":"object","properties":{"query":{"type":"string","description":"the SQL query"}},"required":["query"],"additionalProperties":false}}}""";
    static final String DESCRIBE_TABLE = """
            {"type":"function","function":{"name":"describe_table","description":"Describe a table of the analytics warehouse: its columns and types.","parameters":{"type":"object","properties":{"table":{"type":"string","description":"the table name"}},"required":["table"],"additionalProperties":false}}}""";

    static final Spec ANALYTICS_TOOLS = new Spec("analytics-tools",
            "An analytics assistant that answers questions about the company's sales data by first looking at a"
                    + " table's columns with describe_table, then querying it with run_sql, then answering with the"
                    + " figures.",
            null, ExampleFormat.OPENAI, List.of(RUN_SQL, DESCRIBE_TABLE), List.of(
                    """
                            {"messages":[{"role":"user","content":"How many orders did we get in March 2024?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"describe_table","arguments":"{\\"table\\":\\"orders\\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"{\\"columns\\":[{\\"name\\":\\"id\\",\\"type\\":\\"int\\"},{\\"name\\":\\"created_at\\",\\"type\\":\\"date\\"},{\\"name\\":\\"total\\",\\"type\\":\\"numeric\\"}]}"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_2","type":"function","function":{"name":"run_sql","arguments":"{\\"query\\":\\"SELECT COUNT(*) FROM orders WHERE created_at BETWEEN '2024-03-01' AND '2024-03-31'\\"}"}}]},{"role":"tool","tool_call_id":"call_2","content":"{\\"rows\\":[[1843]]}"},{"role":"assistant","content":"We received 1843 orders in March 2024."}]}""",
                    """
                            {"messages":[{"role":"user","content":"What was the average order value for customers in Canada?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"describe_table","arguments":"{\\"table\\":\\"customers\\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"{\\"columns\\":[{\\"name\\":\\"id\\",\\"type\\":\\"int\\"},{\\"name\\":\\"country\\",\\"type\\":\\"text\\"}]}"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_2","type":"function","function":{"name":"run_sql","arguments":"{\\"query\\":\\"SELECT AVG(o.total) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.country = 'Canada'\\"}"}}]},{"role":"tool","tool_call_id":"call_2","content":"{\\"rows\\":[[86.40]]}"},{"role":"assistant","content":"The average order value for customers in Canada is $86.40."}]}""",
                    """
                            {"messages":[{"role":"user","content":"Which product category had the most revenue last quarter?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"describe_table","arguments":"{\\"table\\":\\"order_items\\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"{\\"columns\\":[{\\"name\\":\\"category\\",\\"type\\":\\"text\\"},{\\"name\\":\\"revenue\\",\\"type\\":\\"numeric\\"}]}"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_2","type":"function","function":{"name":"run_sql","arguments":"{\\"query\\":\\"SELECT category, SUM(revenue) AS revenue FROM order_items GROUP BY category ORDER BY revenue DESC LIMIT 1\\"}"}}]},{"role":"tool","tool_call_id":"call_2","content":"{\\"rows\\":[[\\"Garden\\", 129400]]}"},{"role":"assistant","content":"Garden led last quarter with 129400 in revenue."}]}""",
                    """
                            {"messages":[{"role":"user","content":"How many customers signed up in 2023?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"describe_table","arguments":"{\\"table\\":\\"customers\\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"{\\"columns\\":[{\\"name\\":\\"id\\",\\"type\\":\\"int\\"},{\\"name\\":\\"signed_up\\",\\"type\\":\\"date\\"}]}"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_2","type":"function","function":{"name":"run_sql","arguments":"{\\"query\\":\\"SELECT COUNT(*) FROM customers WHERE signed_up >= '2023-01-01' AND signed_up < '2024-01-01'\\"}"}}]},{"role":"tool","tool_call_id":"call_2","content":"{\\"rows\\":[[5120]]}"},{"role":"assistant","content":"5120 customers signed up in 2023."}]}"""));

    static final Spec SENTIMENT = new Spec("sentiment",
            "Classify the sentiment of a product review as positive, negative or neutral.", null,
            ExampleFormat.ALPACA, List.of(), List.of(
                    """
                            {"instruction":"Classify the sentiment of this review.","input":"The battery lasts two full days and the screen is gorgeous. Best purchase this year.","output":"positive"}""",
                    """
                            {"instruction":"Classify the sentiment of this review.","input":"Stopped working after a week. Support never answered my emails.","output":"negative"}""",
                    """
                            {"instruction":"Classify the sentiment of this review.","input":"It arrived on time. Does what the box says, nothing more.","output":"neutral"}""",
                    """
                            {"instruction":"Classify the sentiment of this review.","input":"My kids love it and setup took five minutes. Would buy again.","output":"positive"}""",
                    """
                            {"instruction":"Classify the sentiment of this review.","input":"The fabric ripped the first time I washed it. Total waste of money.","output":"negative"}""",
                    """
                            {"instruction":"Classify the sentiment of this review.","input":"Average sound quality for the price. The case is a bit bulky.","output":"neutral"}""",
                    """
                            {"instruction":"Classify the sentiment of this review.","input":"Customer service replaced the faulty charger overnight. Impressed with this brand.","output":"positive"}""",
                    """
                            {"instruction":"Classify the sentiment of this review.","input":"Smells like burnt plastic whenever it runs. I returned it the next day.","output":"negative"}"""));

    static final Spec EXTRACTION = new Spec("json-extraction",
            "Extract the customer's name, email and the order total from a message and answer with JSON only:"
                    + " {\"name\": string, \"email\": string, \"total\": number}.",
            null, ExampleFormat.OPENAI,
            List.of(), List.of(
                    """
                            {"messages":[{"role":"user","content":"Hello, this is Maria Lopez (maria.lopez@example.com). I was billed $42.50 for my last order and wanted to confirm."},{"role":"assistant","content":"{\\"name\\": \\"Maria Lopez\\", \\"email\\": \\"maria.lopez@example.com\\", \\"total\\": 42.50}"}]}""",
                    """
                            {"messages":[{"role":"user","content":"Order total came to $118.00. Please send the invoice to david.chen@mailbox.org. Thanks, David Chen"},{"role":"assistant","content":"{\\"name\\": \\"David Chen\\", \\"email\\": \\"david.chen@mailbox.org\\", \\"total\\": 118.00}"}]}""",
                    """
                            {"messages":[{"role":"user","content":"Hi! Susan Wright here, susan.w@greenfield.net. My basket says $7.99 but I was charged more."},{"role":"assistant","content":"{\\"name\\": \\"Susan Wright\\", \\"email\\": \\"susan.w@greenfield.net\\", \\"total\\": 7.99}"}]}""",
                    """
                            {"messages":[{"role":"user","content":"James Miller, james.miller@workmail.com: the receipt for my order shows $256.30, is that right?"},{"role":"assistant","content":"{\\"name\\": \\"James Miller\\", \\"email\\": \\"james.miller@workmail.com\\", \\"total\\": 256.30}"}]}"""));

    static final Spec SUMMARIZATION = new Spec("summarization",
            "Summarize the user's text in one or two sentences.", null, ExampleFormat.OPENAI, List.of(), List.of(
                    """
                            {"messages":[{"role":"user","content":"Summarize: The city council met on Tuesday to discuss the new bike lanes on Main Street. Shop owners worried about losing parking, while cyclists said the lanes would make the street safer. The council voted 5 to 2 to build the lanes next spring."},{"role":"assistant","content":"The city council voted 5 to 2 to build bike lanes on Main Street next spring, despite shop owners' parking concerns."}]}""",
                    """
                            {"messages":[{"role":"user","content":"Please summarize this: Our team shipped the new checkout page in March. Conversion rose by 12 percent in the first month, but support tickets about coupon codes doubled. Next quarter we will fix the coupon flow."},{"role":"assistant","content":"The new checkout page lifted conversion by 12 percent but doubled coupon-code tickets, which the team will fix next quarter."}]}""",
                    """
                            {"messages":[{"role":"user","content":"Give me a short summary: Emma Stone, a nurse from Leeds, ran her first marathon in 4 hours and 10 minutes. She trained for 6 months and raised money for the children's ward where she works."},{"role":"assistant","content":"Leeds nurse Emma Stone ran her first marathon in 4 hours 10 minutes after 6 months of training, raising money for her children's ward."}]}"""));

    static final Spec SQL = new Spec("sql", "Write a SQL query (PostgreSQL) that answers the question about the"
            + " given tables.", null, ExampleFormat.ALPACA, List.of(),
            List.of(
                    """
                            {"instruction":"List the names of employees who earn more than 50000.","input":"employees(id, name, salary, department_id)","output":"SELECT name FROM employees WHERE salary > 50000;"}""",
                    """
                            {"instruction":"Count the orders placed by each customer.","input":"orders(id, customer_id, placed_at)","output":"SELECT customer_id, COUNT(*) AS orders FROM orders GROUP BY customer_id;"}""",
                    """
                            {"instruction":"Find the 5 most expensive products.","input":"products(id, name, price)","output":"SELECT name, price FROM products ORDER BY price DESC LIMIT 5;"}""",
                    """
                            {"instruction":"Show each department's average salary.","input":"employees(id, name, salary, department_id), departments(id, name)","output":"SELECT d.name, AVG(e.salary) FROM employees e JOIN departments d ON d.id = e.department_id GROUP BY d.name;"}"""));

    static final Spec MATH = new Spec("math", "Solve grade-school math word problems with worked reasoning, one step"
            + " per line, and the final answer on the last line after ####.", null, ExampleFormat.OPENAI, List.of(),
            List.of(
                    """
                            {"messages":[{"role":"user","content":"Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?"},{"role":"assistant","content":"In May Natalia sold 48 / 2 = 24 clips.\\nAltogether she sold 48 + 24 = 72 clips.\\n#### 72"}]}""",
                    """
                            {"messages":[{"role":"user","content":"A baker makes 36 muffins and packs them in boxes of 6. He sells each box for $8. How much money does he make?"},{"role":"assistant","content":"He fills 36 / 6 = 6 boxes.\\nHe makes 6 * 8 = 48 dollars.\\n#### 48"}]}""",
                    """
                            {"messages":[{"role":"user","content":"Tom has 125 marbles. He gives 40 to his sister and buys 15 more. How many marbles does Tom have now?"},{"role":"assistant","content":"After giving some away Tom has 125 - 40 = 85 marbles.\\nAfter buying more he has 85 + 15 = 100 marbles.\\n#### 100"}]}""",
                    """
                            {"messages":[{"role":"user","content":"A train travels 60 miles per hour for 4 hours and then 45 miles per hour for 2 hours. How far does it travel?"},{"role":"assistant","content":"First part: 60 * 4 = 240 miles.\\nSecond part: 45 * 2 = 90 miles.\\nTotal: 240 + 90 = 330 miles.\\n#### 330"}]}""",
                    """
                            {"messages":[{"role":"user","content":"Lisa reads 12 pages a day. Her book has 180 pages. How many days does she need to finish it?"},{"role":"assistant","content":"She needs 180 / 12 = 15 days.\\n#### 15"}]}"""));

    static List<String> selfInstructSeeds() {
        return List.of(TaskApiSeeds.resource("specs/self-instruct-seeds.jsonl").strip().split("\n"));
    }

    static final Spec SELF_INSTRUCT = new Spec("self-instruct", "Follow the user's instruction, using the input when"
            + " one is given.", null, ExampleFormat.ALPACA, List.of(), selfInstructSeeds());

    static final List<Spec> ALL = List.of(SUPPORT_CHAT, ANALYTICS_TOOLS, SENTIMENT, EXTRACTION, SUMMARIZATION, SQL,
            MATH, SELF_INSTRUCT);

    /** The generator's fixed instructions (any text: the simulator does not read them). */
    static final String SYSTEM = "You write training examples for fine-tuning a language model. Answer with JSON only.";

    /** The user message of one call, sections in the protocol's order, 4 seeds drawn per call as the generator does. */
    static String prompt(Spec spec, int call, String directives, List<String> alreadyHave, int count) {
        StringBuilder user = new StringBuilder();
        user.append("<task>\n").append(spec.task()).append("\n</task>\n\n");
        if (spec.systemPrompt() != null) {
            user.append("<system_prompt>\n").append(spec.systemPrompt()).append("\n</system_prompt>\n\n");
        }
        if (!spec.tools().isEmpty()) {
            user.append("<tools>[\n").append(String.join(",\n", spec.tools().stream().map(String::strip).toList()))
                    .append("\n]</tools>\n\n");
        }
        user.append("<format>").append(spec.format().id()).append("</format>\n\n");
        List<String> order = new ArrayList<>(spec.seeds());
        java.util.Collections.shuffle(order, new java.util.Random(call));
        List<String> shown = order.subList(0, Math.min(4, order.size())).stream().map(String::strip).toList();
        user.append("<seed_examples>[\n").append(String.join(",\n", shown).replace("<", "\\u003c")
                .replace(">", "\\u003e")).append("\n]</seed_examples>\n\n");
        user.append("<directives>\nWrite every example for this slice of the dataset\n").append(directives.strip())
                .append('\n');
        if (!spec.tools().isEmpty() && !directives.contains("tools:")) {
            user.append("tools: yes\n");
        }
        user.append("</directives>\n\n");
        if (!alreadyHave.isEmpty()) {
            user.append("<already_have>\n");
            alreadyHave.forEach(d -> user.append("- ").append(d).append('\n'));
            user.append("</already_have>\nWrite examples that differ from those listed in <already_have>.\n\n");
        }
        user.append("<count>").append(count).append("</count>\nWrite ").append(count).append(" new examples.");
        return user.toString();
    }

    static ChatInput input(Spec spec, int call, String directives, List<String> alreadyHave, int count,
            double temperature) {
        return new ChatInput("gpt-4o-mini", List.of(new Turn("system", SYSTEM),
                new Turn("user", prompt(spec, call, directives, alreadyHave, count))), temperature, "json_schema",
                TeacherSimulator.GENERATION_SCHEMA, null, null);
    }

    /** The answer's records, as the generator reads them. */
    static List<JsonNode> records(SimulatedAnswer answer) {
        try {
            List<JsonNode> records = new ArrayList<>();
            MAPPER.readTree(answer.content()).path("examples").forEach(records::add);
            return records;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + answer.content(), e);
        }
    }

    /** Each seed record's user text, read through the project's formats. */
    static List<String> seedUserTexts(Spec spec) {
        List<String> texts = new ArrayList<>();
        for (String seed : spec.seeds()) {
            try {
                texts.add(userText(MAPPER.readTree(seed)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError(e);
            }
        }
        return texts;
    }

    static String userText(JsonNode record) {
        StringBuilder text = new StringBuilder();
        ExampleFormat.detect(record).turns(record).stream().filter(t -> "user".equals(t.role()))
                .forEach(t -> text.append(t.content()).append('\n'));
        return text.toString();
    }
}
