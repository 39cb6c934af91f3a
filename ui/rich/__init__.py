"""Rich replies: what a Markdown reply becomes in the chat view beyond Qt's own Markdown.

* ``fences``: a reply split into prose and fenced code blocks (closed or not);
* ``code_blocks``: a code block drawn as a framed block with a language label, a Copy
  link and Pygments highlighting in the palette's light or dark style;
* ``reply``: the whole reply written into a scratch document, tables, quotes and links
  styled and made safe;
* ``links``: a link in a reply opens only after the user confirms it;
* ``hover``: the small action bar over the message under the mouse.
"""
