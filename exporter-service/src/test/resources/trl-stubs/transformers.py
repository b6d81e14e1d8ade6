"""Stand-in for Hugging Face `transformers` in the trainer-config tests: loads nothing, remembers the name."""


class _Loaded:
    def __init__(self, name):
        self.name = name


class AutoModelForCausalLM:
    @staticmethod
    def from_pretrained(name):
        return _Loaded(name)


class AutoTokenizer:
    @staticmethod
    def from_pretrained(name):
        return _Loaded(name)
