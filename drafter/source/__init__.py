"""Source data: metrics files (YAML, JSON, the Excel template) read, validated and turned into SourceData."""
