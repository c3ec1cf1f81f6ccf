"""The HTTP face of the service (Starlette): POST /comments, the moderation links, /health.

Form posts from browsers get HTML: a 303 to the "awaiting moderation" page,
or a page saying what is wrong. A request that asks for JSON gets JSON.
Everything else lives in pure modules; this one turns requests into their
calls and their results into responses.
"""

import logging
import threading
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.routing import Route

from . import forms, intake, moderation, network, pages, signing
from .intake import Outcome
from .site import ManifestError

logger = logging.getLogger(__name__)

# The service's pages need nothing but the site's stylesheets.
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src *; img-src *; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def wants_json(request):
    accept = request.headers.get("accept", "")
    kind, _ = forms.media_type(request.headers.get("content-type"))
    return "application/json" in accept or (kind == forms.JSON and "text/html" not in accept)


def cross_site(request, allowed):
    """Why a request comes from a page the site does not own, or None.

    Browsers send Origin with every POST; Sec-Fetch-Site covers the few that
    send neither a usable Origin nor nothing. A request with neither is not
    from a browser, so no reader's session can be abused through it.
    """
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.url.netloc}".lower()
    if origin is not None:
        if origin.lower().rstrip("/") in allowed | {own}:
            return None
        return f"the form was sent from {origin}, not from this site"
    if request.headers.get("sec-fetch-site", "").lower() == "cross-site":
        return "the form was sent from another site"
    return None


async def read_body(request, limit):
    """The body, or None if it is larger than `limit` bytes (read no further than that)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def answer(request, config, outcome):
    """The response for an Outcome: JSON if asked, else a 303 or an HTML page."""
    headers = dict(HEADERS)
    if outcome.retry_after is not None:
        headers["Retry-After"] = str(outcome.retry_after)
    if wants_json(request):
        if outcome.accepted:
            return JSONResponse({"id": outcome.submission.id, "status": "pending"}, 202,
                                headers=headers)
        body = {"error": outcome.message,
                "fields": {e.field: e.message for e in outcome.errors}}
        return JSONResponse(body, outcome.status, headers=headers)
    if outcome.accepted:
        query = urlencode({"article": outcome.post.slug})
        where = f"{request.url.path.rstrip('/')}/received?{query}"
        return RedirectResponse(where, 303, headers=headers)
    return HTMLResponse(pages.refused(config, outcome), outcome.status, headers=headers)


def build_app(service):
    config = service.config
    allowed = config.allowed_origins
    proxies = config.trusted_proxies
    # A new manifest means a build has published something: reply notices may
    # be due. They are sent beside the request that noticed, never in its way.
    service.site.on_change.append(lambda posts: threading.Thread(
        target=moderation.send_reply_notices, args=(service, posts), daemon=True).start())

    async def post_comment(request):
        body = await read_body(request, config["COMMENTS_MAX_BYTES"])
        if body is None:
            return answer(request, config, Outcome(
                413, f"The comment is too large: at most {config['COMMENTS_MAX_BYTES']:,} bytes."))
        reason = cross_site(request, allowed)
        if reason:
            return answer(request, config, Outcome(403, f"Refused: {reason}."))
        try:
            pairs = forms.parse(request.headers.get("content-type"), body)
        except forms.BadBody as error:
            return answer(request, config,
                          Outcome(error.status, f"The form cannot be read: {error}."))
        peer = request.client.host if request.client else None
        address = network.client_address(peer, request.headers.get("x-forwarded-for"), proxies)
        outcome = await run_in_threadpool(
            intake.receive, service, pairs, network=network.network_of(address))
        response = answer(request, config, outcome)
        if outcome.accepted and outcome.submission.status == "pending":
            response.background = BackgroundTask(
                moderation.notify_moderators, service, outcome.submission, outcome.post)
        return response

    async def received(request):
        slug = request.query_params.get("article", "")
        try:
            post = service.site.post(slug)
        except ManifestError:
            post = None
        if post is None:
            return HTMLResponse(pages.message(config, "Thank you", "Your comment was received "
                                              "and awaits moderation."), headers=HEADERS)
        return HTMLResponse(pages.received(config, post), headers=HEADERS)

    def _verified(token, actions):
        try:
            action, number = signing.verify(service.secret, token)
        except signing.BadToken as error:
            return None, None, HTMLResponse(
                pages.message(config, "This link does not work", str(error).capitalize() + "."),
                403, headers=HEADERS)
        if action not in actions:
            return None, None, HTMLResponse(pages.message(
                config, "This link does not work", "This link is not one the service wrote."),
                403, headers=HEADERS)
        return action, number, None

    async def moderate(request):
        token = request.path_params["token"]
        action, number, refusal = _verified(token, ("approve", "reject"))
        if refusal:
            return refusal
        submission = service.store.get(number)
        if submission is None:
            return HTMLResponse(pages.message(config, "Nothing to do",
                                              "This comment is no longer in the queue."),
                                410, headers=HEADERS)
        post = _post(service, submission.slug)
        if submission.status != "pending":
            return HTMLResponse(pages.message(
                config, "Already decided",
                f"Comment {submission.id} is already {submission.status}; this link has done "
                "its work.", post), 410, headers=HEADERS)
        if request.method == "GET":
            return HTMLResponse(pages.confirm(config, action, submission, post, token),
                                headers=HEADERS)
        if action == "approve":
            result = await run_in_threadpool(moderation.approve, service, number)
        else:
            result = await run_in_threadpool(moderation.reject, service, number)
        task = None
        command = moderation.build_command(config, asked=False)
        if result.ok and action == "approve" and command:
            task = BackgroundTask(moderation.run_build, service, command)
        title = "Done" if result.ok else "Not done"
        return HTMLResponse(pages.message(config, title, result.message, post),
                            200 if result.ok else 409, headers=HEADERS, background=task)

    async def unsubscribe(request):
        token = request.path_params["token"]
        _, number, refusal = _verified(token, ("unsubscribe",))
        if refusal:
            return refusal
        if request.method == "GET":
            return HTMLResponse(pages.unsubscribe(config, token), headers=HEADERS)
        found = await run_in_threadpool(service.store.unsubscribe, number)
        text = ("You will get no more mails about replies to that comment." if found
                else "That comment is no longer in the queue; no mail will come about it.")
        return HTMLResponse(pages.message(config, "Reply notices stopped", text), headers=HEADERS)

    async def health(request):
        try:
            posts = len(service.site.posts())
        except ManifestError as error:
            return JSONResponse({"status": "no manifest", "detail": str(error)}, 503)
        return JSONResponse({"status": "ok", "posts": posts,
                             "pending": service.store.count("pending")})

    routes = [
        Route("/comments", post_comment, methods=["POST"]),
        Route("/comments/received", received, methods=["GET"]),
        Route("/moderate/{token}", moderate, methods=["GET", "POST"]),
        Route("/unsubscribe/{token}", unsubscribe, methods=["GET", "POST"]),
        Route("/health", health, methods=["GET"]),
    ]
    return Starlette(routes=routes)


def _post(service, slug):
    try:
        return service.site.post(slug)
    except ManifestError:
        return None

