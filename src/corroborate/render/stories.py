"""The stories `corroborate cluster` prints: JSON (docs/stories.schema.json) or Markdown."""
from __future__ import annotations

import json
from dataclasses import asdict

from ..model import Article, Story


def stories_json(stories: list[Story], errors: list[dict[str, str]]) -> str:
    return json.dumps({"stories": [asdict(s) for s in stories], "errors": errors}, ensure_ascii=False, indent=1) + "\n"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def stories_markdown(stories: list[Story], articles: dict[str, Article], errors: list[dict[str, str]]) -> str:
    out = [f"# {len(stories)} stories from {sum(len(s.articles) for s in stories)} reports", ""]
    for story in stories:
        when = " to ".join(dict.fromkeys(d for d in (story.first_published, story.last_published) if d))
        out += [f"## {story.title}", "",
                f"{plural(len(story.articles), 'report')}, {plural(len(story.outlets), 'outlet')}" + (f", {when}" if when else "")
                + f" (`{story.id}`)", ""]
        copy_of = {a: i for i, group in enumerate(story.copies, 1) for a in group}
        for key in story.articles:
            article = articles[key]
            mark = f" (copy {copy_of[key]})" if key in copy_of else ""
            out.append(f"- {article.display_name}: {article.title or key}{mark} (`{key}`)")
        out.append("")
    if errors:
        out += ["## Not read", ""] + [f"- {e['source']}: {e['reason']}" for e in errors] + [""]
    return "\n".join(out)
