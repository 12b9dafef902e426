"""The FastAPI application: the API router, the dashboard pages and their static files.

`create_app(db)` only records the path; each request opens the store read-only
for its own duration (see `web.store`). A locked or missing store is a 503 /
500 with one sentence saying why, never a traceback: JSON under /api, a page
elsewhere. Swagger UI at /docs is served from the vendored copy, so nothing is
fetched from the internet.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from eventscope import __version__
from eventscope.errors import StoreError
from eventscope.web.api import router as api_router
from eventscope.web.pages import router as pages_router
from eventscope.web.pages import templates
from eventscope.web.store import StoreBusy

STATIC = Path(__file__).parent / "static"
SWAGGER = "/static/vendor/swagger-ui-dist-5.35.0"
#: The dashboard runs only its own scripts; inline scripts, foreign hosts and plugins are refused.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error_page(request: Request, status: int, title: str, messages: list[str],
                headers: dict[str, str] | None = None) -> Response:
    response = templates.TemplateResponse(request, "error.html",
                                          {"status": status, "title": title, "messages": messages},
                                          status_code=status)
    response.headers.update(headers or {})
    return response


def create_app(db: str) -> FastAPI:
    app = FastAPI(title="eventscope", version=__version__, docs_url=None, redoc_url=None,
                  description="Read-only access to an eventscope store: events with every source and "
                              "the evidence behind each value, stories, actors and the actor network.")
    app.state.db = str(db)

    @app.exception_handler(StoreBusy)
    def _busy(request: Request, exc: StoreBusy) -> Response:
        headers = {"Retry-After": "30"}
        if _is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=503, headers=headers)
        return _error_page(request, 503, "The store is busy", [str(exc)], headers)

    @app.exception_handler(StoreError)
    def _store_error(request: Request, exc: StoreError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=500)
        return _error_page(request, 500, "The store cannot be read", [str(exc)])

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        if _is_api(request) or request.url.path.startswith("/static/"):
            return await http_exception_handler(request, exc)
        return _error_page(request, exc.status_code, "Not found" if exc.status_code == 404 else "Error",
                           [str(exc.detail)])

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if _is_api(request):
            return await request_validation_exception_handler(request, exc)
        messages = [f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors()]
        return _error_page(request, 422, "Please check the filters", messages)

    @app.middleware("http")
    async def _security_headers(request: Request, call_next) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.url.path != "/docs":  # Swagger UI starts itself with one inline script
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="eventscope API",
                                   swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{SWAGGER}/swagger-ui.css",
                                   swagger_favicon_url="data:,")

    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
