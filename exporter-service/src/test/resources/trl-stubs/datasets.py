"""Stand-in for Hugging Face `datasets` in TrainerConfigsTest: loads JSON Lines the way load_dataset("json") does
(one split per data_files key) and maps records, so train_trl.py runs without the real library or a GPU."""
import json
import os

# the real library's version string; a test sets it to check what a script does with an older one
__version__ = os.environ.get("DATASETS_STAND_IN_VERSION", "4.8.1")


class Dataset:
    def __init__(self, rows):
        self.rows = rows

    @property
    def column_names(self):
        names = []
        for row in self.rows:
            names += [k for k in row if k not in names]
        return names

    def map(self, function, remove_columns=None):
        mapped = []
        for row in self.rows:
            new = dict(row)
            for column in remove_columns or []:
                new.pop(column, None)
            new.update(function(row))
            mapped.append(new)
        return Dataset(mapped)

    def __len__(self):
        return len(self.rows)


class DatasetDict(dict):
    def map(self, function, remove_columns=None):
        return DatasetDict({k: v.map(function, remove_columns) for k, v in self.items()})


def load_dataset(kind, data_files=None):
    assert kind == "json", "only the json loader is stubbed, got " + kind
    splits = DatasetDict()
    for split, path in data_files.items():
        with open(path, encoding="utf-8") as f:
            splits[split] = Dataset([json.loads(line) for line in f if line.strip()])
    return splits
