"""Stand-in for TRL in TrainerConfigsTest: SFTTrainer checks every record against the dataset types TRL's SFT docs
list (conversational language modeling: "messages"; conversational prompt-completion: "prompt" and "completion")
and prints what it got as JSON instead of training."""
import json
import sys

ROLES = {"system", "user", "assistant", "tool"}
# reasoning traces the chat template gets: a field of an assistant message, or a <think> block opening its content
TRACES = {"reasoning_content": 0, "thinking": 0, "inline": 0}
# what the chat template gets of tools: rows offering tools, and assistant tool calls
TOOLS = {"with_tools": 0, "tool_calls": 0}


class SFTConfig:
    def __init__(self, output_dir, **kwargs):
        self.output_dir = output_dir
        self.kwargs = kwargs


def check_messages(messages, where):
    assert isinstance(messages, list) and messages, where + ": not a non-empty list of messages"
    for m in messages:
        assert m.get("role") in ROLES, where + ": role " + repr(m.get("role"))
        assert isinstance(m.get("content"), str) or m.get("tool_calls"), where + ": no content nor tool_calls"
        for call in m.get("tool_calls") or []:
            function = call.get("function") or {}
            assert m["role"] == "assistant" and call.get("type") == "function" and isinstance(function.get("name"), str) \
                and isinstance(function.get("arguments"), dict), where + ": a tool call is not OpenAI's with its arguments" \
                " an object, as chat templates read them: " + repr(call)
        for key in ("reasoning_content", "thinking"):
            if m.get(key) is not None:
                assert m["role"] == "assistant" and isinstance(m[key], str) and m[key], where + ": bad " + key
                TRACES[key] += 1
        content = m.get("content") or ""
        if content.startswith("<think>"):
            assert m["role"] == "assistant" and "</think>" in content, where + ": unclosed <think>"
            TRACES["inline"] += 1


def kind_of(dataset, name):
    kinds = set()
    for i, row in enumerate(dataset.rows):
        where = "%s[%d]" % (name, i)
        if "messages" in row:
            check_messages(row["messages"], where)
            TOOLS["with_tools"] += check_tools(row.get("tools"), row["messages"], where)
            TOOLS["tool_calls"] += sum(len(m.get("tool_calls") or []) for m in row["messages"])
            kinds.add("messages")
        else:
            check_messages(row["prompt"], where + ".prompt")
            check_messages(row["completion"], where + ".completion")
            assert all(m["role"] == "assistant" for m in row["completion"]), where + ": completion not assistant"
            kinds.add("prompt-completion")
    assert len(kinds) == 1, name + ": mixed dataset types " + str(kinds)
    return kinds.pop()


class SFTTrainer:
    def __init__(self, model, args, train_dataset, eval_dataset=None):
        self.summary = {"model": model, "train": len(train_dataset), "type": kind_of(train_dataset, "train"),
                        "eval": len(eval_dataset) if eval_dataset is not None else None,
                        "eval_strategy": args.kwargs.get("eval_strategy")}
        if eval_dataset is not None:
            assert kind_of(eval_dataset, "eval") == self.summary["type"]
        self.summary["traces"] = dict(TRACES)
        self.summary.update(TOOLS)

    def train(self):
        print("SFT " + json.dumps(self.summary, sort_keys=True))
        sys.stdout.flush()

    def save_model(self, output_dir):
        pass


class DPOConfig(SFTConfig):
    pass


def check_tools(tools, messages, where):
    """A row's "tools" as SFTTrainer and DPOTrainer read them (a JSON string parsed, or a list) for the chat template:
    OpenAI's {"type": "function", "function": {"name", ...}} objects; every call of the row is to one of them."""
    if tools is None:
        return 0
    tools = json.loads(tools) if isinstance(tools, str) else tools
    assert isinstance(tools, list) and tools, where + ": tools is not a non-empty list"
    names = set()
    for tool in tools:
        function = tool.get("function") if isinstance(tool, dict) else None
        assert tool.get("type") == "function" and isinstance(function, dict) and isinstance(function.get("name"), str), \
            where + ": a tool is not {type: function, function: {name, ...}}: " + repr(tool)
        names.add(function["name"])
    for m in messages:
        for call in m.get("tool_calls") or []:
            assert call["function"]["name"] in names, where + ": calls " + call["function"]["name"] + ", not offered"
    return 1


def check_pairs(dataset, name):
    """TRL's conversational preference type: "prompt", "chosen" and "rejected", each a list of messages, and the tools
    offered, if any. Answers how many pairs there are and how many offer tools."""
    offering = 0
    for i, row in enumerate(dataset.rows):
        where = "%s[%d]" % (name, i)
        check_messages(row["prompt"], where + ".prompt")
        for side in ("chosen", "rejected"):
            check_messages(row[side], where + "." + side)
            assert all(m["role"] == "assistant" for m in row[side]), where + ": " + side + " not assistant"
        assert row["prompt"][-1]["role"] in ("user", "tool"), where + ": the prompt does not end with the user"
        offering += check_tools(row.get("tools"), row["prompt"] + row["chosen"] + row["rejected"], where)
    return len(dataset.rows), offering


class DPOTrainer:
    def __init__(self, model, args, train_dataset, eval_dataset=None, processing_class=None):
        assert processing_class is not None, "DPOTrainer needs the tokenizer as processing_class"
        train, train_tools = check_pairs(train_dataset, "train")
        evaluated, eval_tools = check_pairs(eval_dataset, "eval") if eval_dataset is not None else (None, 0)
        self.summary = {"model": model.name, "train": train, "eval": evaluated, "with_tools": train_tools + eval_tools,
                        "beta": args.kwargs.get("beta")}

    def train(self):
        print("DPO " + json.dumps(self.summary, sort_keys=True))
        sys.stdout.flush()

    def save_model(self, output_dir):
        pass
