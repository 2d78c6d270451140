"""Helpers for the Deep Neural Networks course: data, plots, exercises and the lesson build."""
