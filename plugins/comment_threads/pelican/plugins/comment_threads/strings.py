"""Every sentence the comment plugin puts in front of readers, in one table.

The templates hold the rest of the thread's wording; what Python has to
compose (counts, feed titles, the emailed comment) comes from here, so a
change of wording or a translation touches this file only.
"""

COUNT_NONE = "No comments yet"
COUNT_CLOSED = "Comments are closed"
COUNT_ONE = "1 comment"
COUNT_MANY = "{count} comments"

THREAD_FEED_TITLE = "Comments on {title}"
ALL_FEED_TITLE = "Recent comments"
FEED_ITEM_TITLE = "{author} on {title}"
FEED_REPLY_TITLE = "{author} in reply to {parent}, on {title}"

MAIL_SUBJECT = "Comment on “{title}” (content/comments/{slug}/)"
# The emailed comment's text, below the header lines the comment-file module writes.
MAIL_BODY = (
    "Your comment, in plain text or Markdown.\n"
    "\n"
    "(Write your name after Author: above. The moderator dates the comment "
    "when it is published. Your email address is never published.)"
)
