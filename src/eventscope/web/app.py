"""The FastAPI application: the API router, the dashboard pages and their static files.

`create_app(db)` only records the path; each request opens the store read-only
for its own duration (see `web.store`). A locked or missing store is a 503 /
500 with one sentence saying why, never a traceback.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from eventscope import __version__
from eventscope.errors import StoreError
from eventscope.web.api import router as api_router
from eventscope.web.store import StoreBusy


def create_app(db: str) -> FastAPI:
    app = FastAPI(title="eventscope", version=__version__,
                  description="Read-only access to an eventscope store: events with every source and "
                              "the evidence behind each value, stories, actors and the actor network.")
    app.state.db = str(db)

    @app.exception_handler(StoreBusy)
    def _busy(request: Request, exc: StoreBusy) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "30"})

    @app.exception_handler(StoreError)
    def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=500)

    app.include_router(api_router)
    return app
