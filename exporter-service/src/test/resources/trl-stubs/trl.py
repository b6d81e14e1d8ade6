"""Stand-in for TRL in TrainerConfigsTest: SFTTrainer checks every record against the dataset types TRL's SFT docs
list (conversational language modeling: "messages"; conversational prompt-completion: "prompt" and "completion")
and prints what it got as JSON instead of training."""
import json
import sys

ROLES = {"system", "user", "assistant", "tool"}
# reasoning traces the chat template gets: a field of an assistant message, or a <think> block opening its content
TRACES = {"reasoning_content": 0, "thinking": 0, "inline": 0}


class SFTConfig:
    def __init__(self, output_dir, **kwargs):
        self.output_dir = output_dir
        self.kwargs = kwargs


def check_messages(messages, where):
    assert isinstance(messages, list) and messages, where + ": not a non-empty list of messages"
    for m in messages:
        assert m.get("role") in ROLES, where + ": role " + repr(m.get("role"))
        assert isinstance(m.get("content"), str) or m.get("tool_calls"), where + ": no content nor tool_calls"
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

    def train(self):
        print("SFT " + json.dumps(self.summary, sort_keys=True))
        sys.stdout.flush()

    def save_model(self, output_dir):
        pass


class DPOConfig(SFTConfig):
    pass


def check_pairs(dataset, name):
    """TRL's conversational preference type: "prompt", "chosen" and "rejected", each a list of messages."""
    for i, row in enumerate(dataset.rows):
        where = "%s[%d]" % (name, i)
        check_messages(row["prompt"], where + ".prompt")
        for side in ("chosen", "rejected"):
            check_messages(row[side], where + "." + side)
            assert all(m["role"] == "assistant" for m in row[side]), where + ": " + side + " not assistant"
        assert row["prompt"][-1]["role"] in ("user", "tool"), where + ": the prompt does not end with the user"
    return len(dataset.rows)


class DPOTrainer:
    def __init__(self, model, args, train_dataset, eval_dataset=None, processing_class=None):
        assert processing_class is not None, "DPOTrainer needs the tokenizer as processing_class"
        self.summary = {"model": model.name, "train": check_pairs(train_dataset, "train"),
                        "eval": check_pairs(eval_dataset, "eval") if eval_dataset is not None else None,
                        "beta": args.kwargs.get("beta")}

    def train(self):
        print("DPO " + json.dumps(self.summary, sort_keys=True))
        sys.stdout.flush()

    def save_model(self, output_dir):
        pass
