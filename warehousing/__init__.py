"""The warehouse's file operations: the inbox listing, staging each document in a process of its
own, building the SQL models and publishing the build. Plain Python, no Dagster."""
