"""The knowledge base: example reports and policy texts, chunked, embedded offline, indexed and retrieved."""
