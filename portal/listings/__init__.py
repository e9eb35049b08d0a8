"""Listings as data and the guided form groups and editors write them with."""
