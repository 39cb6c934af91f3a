"""Lessons that explain how a chat with a language model works, run on a real model.

Each lesson is a pure function of a :class:`core.learn.engine.LessonEngine` and the
user's input that returns a plain value (token ids, probabilities, replies); the
window's Learn panel (``ui/learn/``) shows those values and never computes them.
"""
