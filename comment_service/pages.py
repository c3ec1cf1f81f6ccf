"""The few HTML pages the service answers with, in the site's own look.

Every value from a reader or from the queue is escaped here; the pages
carry no script, and the service sends them with a Content-Security-Policy
that would block one anyway.
"""

from markupsafe import Markup, escape

FIELD_NAMES = {
    "article": "Post", "name": "Name", "email": "Email", "website": "Website",
    "comment": "Comment", "replyto": "In reply to", "notify": "Reply notices",
    "homepage": "Homepage",
}


def layout(config, title, body):
    site = escape(config["SITEURL"].rstrip("/"))
    static = escape(config.settings.get("THEME_STATIC_DIR", "theme"))
    return str(Markup("""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{title} | {sitename}</title>
  <link rel="icon" href="{site}/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="{site}/{static}/css/palette.css">
  <link rel="stylesheet" href="{site}/{static}/css/main.css">
  <link rel="stylesheet" href="{site}/{static}/css/comments.css">
</head>
<body>
  <header class="site-header">
    <div class="wrap">
      <p class="site-title"><a href="{site}/" rel="home">{sitename}</a></p>
    </div>
  </header>
  <main id="main" class="wrap">
    <h1>{title}</h1>
{body}
  </main>
</body>
</html>
""").format(title=title, sitename=config["SITENAME"], site=site, static=static, body=body))


def _back(post):
    if post is None:
        return Markup("")
    return Markup('<p><a href="{url}#comments">Back to “{title}”</a></p>').format(
        url=post.url, title=post.title)


def received(config, post):
    return layout(config, "Thank you: your comment is awaiting moderation", Markup(
        "<p>Your comment on “{title}” was received. A moderator reads every comment "
        "before it appears, usually within a few days; see the "
        '<a href="{policy}">comment policy</a>.</p>{back}').format(
            title=post.title, back=_back(post),
            policy=config["SITEURL"].rstrip("/") + "/" + config["COMMENTS_POLICY_URL"]))


def refused(config, outcome):
    """A form post that was not accepted: what is wrong, and the reader's text to copy."""
    items = Markup("").join(
        Markup("<li>{field} {message}.</li>").format(
            field=FIELD_NAMES.get(error.field, error.field), message=error.message)
        for error in outcome.errors)
    errors = Markup('<ul class="form-errors">{}</ul>').format(items) if items else Markup("")
    text = outcome.values.get("comment") if isinstance(outcome.values, dict) else None
    kept = Markup("")
    if isinstance(text, str) and text.strip():
        kept = Markup(
            '<p class="comment-form__field"><label for="kept">Your text, to copy into the form '
            'again</label><textarea id="kept" rows="8" readonly>{}</textarea></p>').format(text)
    body = Markup("<p>{message}</p>{errors}{kept}{back}").format(
        message=outcome.message, errors=errors, kept=kept, back=_back(outcome.post))
    return layout(config, "Your comment was not sent", body)


def confirm(config, action, submission, post, token):
    """The page an emailed link opens: what the moderator is about to do, and a button to do it."""
    verb = {"approve": "Approve", "reject": "Reject"}[action]
    body = Markup(
        "<p>{author} wrote on “{title}”{reply}:</p>"
        '<blockquote class="comment__body">{text}</blockquote>'
        "{held}"
        '<form method="post" action="{token}"><p><button class="comment-form__submit" '
        'type="submit">{verb} this comment</button></p></form>').format(
            author=submission.author, title=post.title if post else submission.slug,
            reply=(Markup(" in reply to {}").format(submission.replyto)
                   if submission.replyto else ""),
            text=Markup("<br>").join(submission.body.splitlines()),
            held=Markup("<p>Held because: {}.</p>").format("; ".join(submission.reasons))
            if submission.reasons else "",
            token=token, verb=verb)
    return layout(config, f"{verb} comment {submission.id}?", body)


def unsubscribe(config, token):
    body = Markup(
        "<p>Stop the mails telling you of replies to your comment?</p>"
        '<form method="post" action="{token}"><p><button class="comment-form__submit" '
        'type="submit">Stop reply notices</button></p></form>').format(token=token)
    return layout(config, "Reply notices", body)


def message(config, title, text, post=None):
    return layout(config, title, Markup("<p>{}</p>{}").format(text, _back(post)))
