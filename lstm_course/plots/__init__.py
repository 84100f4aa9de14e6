"""Drawing modules (matplotlib): one per part of the course. They import the numerics, never the reverse."""
