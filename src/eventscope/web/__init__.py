"""The read-only web layer: a REST API under /api/v1 and a server-rendered dashboard.

`create_app(db)` builds the FastAPI application; `eventscope serve` runs it with
uvicorn. Nothing here writes to the store.
"""
