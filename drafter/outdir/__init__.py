"""The OUT directory of a draft: its file names, draft.json, the written outputs and the hand edits of draft.md."""
