# SPDX-License-Identifier: EUPL-1.2
"""The inputs of a bundled sample, for the tests that convert samples.

A sample folder is samples/<name>/ with the mapping mappings/<name>.json.
A CSV bundle is read as the folder itself; otherwise every export file in
it (*.json, *.jsonld, *.xml) is an input. Expected outputs live in subfolders.
"""
import glob
import os


def sample_inputs(folder):
    if glob.glob(os.path.join(folder, "*.csv")):
        return [folder]
    return sorted(glob.glob(os.path.join(folder, "*.json")) +
                  glob.glob(os.path.join(folder, "*.jsonld")) +
                  glob.glob(os.path.join(folder, "*.xml")))


def samples(src):
    """(name, mapping, inputs) for every sample that has a mapping."""
    root = os.path.join(src, "samples")
    for name in sorted(os.listdir(root)):
        mapping = os.path.join(src, "mappings", name + ".json")
        folder = os.path.join(root, name)
        if os.path.isdir(folder) and os.path.isfile(mapping):
            yield name, mapping, sample_inputs(folder)


def all_files(inputs):
    """Every file an input list stands for (a CSV folder: its files)."""
    for path in inputs:
        if os.path.isdir(path):
            yield from sorted(glob.glob(os.path.join(path, "*.csv")))
        else:
            yield path
