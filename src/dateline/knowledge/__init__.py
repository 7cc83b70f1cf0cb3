"""Dictionaries and gazetteers the project builds or writes, loaded lazily."""
