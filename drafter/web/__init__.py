"""`drafter serve`: a local web page for editors over the same OUT directories as the CLI.

app.py builds the Starlette app; views.py holds the routes; workspace.py reads the workspace;
editing.py edits, regenerates and accepts sections; jobs.py drafts in the background with SSE progress;
render.py turns a draft and its check report into page HTML; security.py guards every request.
"""
