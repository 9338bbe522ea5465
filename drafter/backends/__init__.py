"""Model backends: every backend fills the one `Backend.complete(request)` shape of base.py."""
