package dev.seedforge.support.rules;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.ToolCall;
import dev.seedforge.contracts.ValidationRules;
import dev.seedforge.contracts.format.Problems;
import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * The job's own rules. Patterns are Java regular expressions searched with {@code find()}: anchor them with
 * {@code ^...$} to demand the whole reply. The final assistant reply must match at least one
 * {@code reply_must_match} pattern; no assistant reply may match a {@code reply_must_not_match} pattern or contain a
 * banned phrase (case-insensitive); token limits count o200k_base tokens of each turn's content and tool calls. The
 * validator holds every candidate to them and the generator every seed, so a seed the job's candidates could never
 * imitate without being rejected is found before it is shown to the teacher.
 */
public class JobRules {

    private final List<Pattern> mustMatch;
    private final List<Pattern> mustNotMatch;
    private final List<String> bannedPhrases;
    private final Integer maxTokensPerTurn;
    private final Integer maxTokensPerExample;
    private final Integer maxTokensPerReply;

    public JobRules(ValidationRules rules) {
        ValidationRules given = rules == null ? ValidationRules.NONE : rules;
        this.mustMatch = given.replyMustMatch().stream().map(JobRules::compile).toList();
        this.mustNotMatch = given.replyMustNotMatch().stream().map(JobRules::compile).toList();
        this.bannedPhrases = given.bannedPhrases().stream().filter(p -> !p.isBlank())
                .map(p -> p.toLowerCase(Locale.ROOT)).toList();
        this.maxTokensPerTurn = given.maxTokensPerTurn();
        this.maxTokensPerExample = given.maxTokensPerExample();
        this.maxTokensPerReply = given.maxTokensPerReply();
    }

    /** Whether these rules check anything at all. */
    public boolean isEmpty() {
        return mustMatch.isEmpty() && mustNotMatch.isEmpty() && bannedPhrases.isEmpty() && maxTokensPerTurn == null
                && maxTokensPerExample == null && maxTokensPerReply == null;
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("rules: invalid regular expression '" + regex + "': "
                    + e.getDescription(), e);
        }
    }

    /** Every rule the example's turns break; empty when they keep them all. */
    public List<Reason> check(List<ChatTurn> turns) {
        if (isEmpty()) {
            return List.of();
        }
        Problems problems = new Problems();
        int finalReply = ChatTurn.finalReplyIndex(turns);
        for (int i = 0; i < turns.size(); i++) {
            ChatTurn turn = turns.get(i);
            String content = turn.content() == null ? "" : turn.content();
            if (ChatTurn.ASSISTANT.equals(turn.role()) && !content.isBlank()) {
                checkReply("turn " + (i + 1) + " (" + turn.role() + ")", content, problems);
            }
        }
        if (maxTokensPerTurn != null || maxTokensPerExample != null || maxTokensPerReply != null) {
            checkTokens(turns, problems);
        }
        if (!mustMatch.isEmpty()) {
            if (finalReply < 0) {
                problems.add(ReasonCode.REPLY_PATTERN, "there is no assistant reply to match reply_must_match");
            } else {
                String reply = turns.get(finalReply).content();
                if (mustMatch.stream().noneMatch(p -> p.matcher(reply).find())) {
                    problems.add(ReasonCode.REPLY_PATTERN, "the final reply (turn " + (finalReply + 1) + ") '"
                            + shorten(reply) + "' matches none of the " + mustMatch.size()
                            + " reply_must_match patterns");
                }
            }
        }
        return problems.reasons();
    }

    private void checkReply(String where, String content, Problems problems) {
        for (Pattern pattern : mustNotMatch) {
            if (pattern.matcher(content).find()) {
                problems.add(ReasonCode.FORBIDDEN_PATTERN,
                        where + " matches the forbidden pattern '" + pattern.pattern() + "'");
            }
        }
        if (!bannedPhrases.isEmpty()) {
            String lower = content.toLowerCase(Locale.ROOT);
            for (String phrase : bannedPhrases) {
                if (lower.contains(phrase)) {
                    problems.add(ReasonCode.BANNED_PHRASE, where + " contains the banned phrase '" + phrase + "'");
                }
            }
        }
    }

    /**
     * Token limits. The tokenizer only runs where a limit could be exceeded: a text's tokens never exceed
     * {@link TokenCounter#atMost}, so a turn (or example) whose bound is within its limit passes without counting.
     */
    private void checkTokens(List<ChatTurn> turns, Problems problems) {
        long[] bounds = new long[turns.size()];
        long exampleBound = 0;
        for (int i = 0; i < turns.size(); i++) {
            bounds[i] = bound(turns.get(i));
            exampleBound += bounds[i];
        }
        boolean countExample = maxTokensPerExample != null && exampleBound > maxTokensPerExample;
        long exampleTokens = 0;
        for (int i = 0; i < turns.size(); i++) {
            boolean countTurn = maxTokensPerTurn != null && bounds[i] > maxTokensPerTurn;
            Integer replyLimit = ChatTurn.ASSISTANT.equals(turns.get(i).role()) ? maxTokensPerReply : null;
            boolean countReply = replyLimit != null && bounds[i] > replyLimit;
            if (!countTurn && !countExample && !countReply) {
                continue;
            }
            int tokens = tokens(turns.get(i));
            exampleTokens += tokens;
            if (maxTokensPerTurn != null && tokens > maxTokensPerTurn) {
                problems.add(ReasonCode.TURN_TOO_LONG, "turn " + (i + 1) + " (" + turns.get(i).role() + ") has "
                        + tokens + " tokens, more than max_tokens_per_turn " + maxTokensPerTurn);
            } else if (replyLimit != null && tokens > replyLimit) {
                problems.add(ReasonCode.TURN_TOO_LONG, "turn " + (i + 1) + " (assistant) has " + tokens
                        + " tokens, more than max_tokens_per_reply " + replyLimit);
            }
        }
        if (countExample && exampleTokens > maxTokensPerExample) {
            problems.add(ReasonCode.EXAMPLE_TOO_LONG, "the example has " + exampleTokens
                    + " tokens, more than max_tokens_per_example " + maxTokensPerExample);
        }
    }

    private static long bound(ChatTurn turn) {
        long bound = TokenCounter.atMost(turn.content());
        for (ToolCall call : turn.toolCalls()) {
            bound += TokenCounter.atMost(call.name()) + TokenCounter.atMost(call.arguments());
        }
        return bound;
    }

    private static int tokens(ChatTurn turn) {
        return TokenCounter.o200k().count(turn);
    }

    private static String shorten(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
