"""Reports as they arrive (PDF, .doc/.wps, web pages, .docx, .md/.txt), read into one Document."""
