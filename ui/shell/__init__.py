"""The application shell, shared by the window and the command line and free of Qt: where the
program keeps its files, the private log, atomic file writes, and the composition root."""
