from __future__ import annotations

from mentorlog.textparse import ActionLine, find_tags, parse_action, parse_note, split_header, strip_comments


def test_note_turns_checkbox_lines_into_actions_and_keeps_the_rest_as_notes() -> None:
    parsed = parse_note("We talked about #Delegation.\n- [ ] send the draft due:fri\n* [x] book room\nMore notes.")
    assert parsed.notes == "We talked about #Delegation.\nMore notes."
    assert parsed.actions == [
        ActionLine(text="send the draft", due="fri", owner=None, done=False),
        ActionLine(text="book room", due=None, owner=None, done=True),
    ]
    assert parsed.tags == ["delegation"]


def test_action_tokens_for_due_and_owner_are_split_off() -> None:
    assert parse_action('review the plan owner:weber due:"next friday" soon') == ActionLine(
        text="review the plan soon", due="next friday", owner="weber"
    )
    assert parse_action("DUE:+2w call Anna").due == "+2w"


def test_tags_are_words_after_a_hash_not_anchors_entities_or_headings() -> None:
    text = "# Heading\n#growth and #Growth, page#anchor &#38; #1 #career-path- #über"
    assert find_tags(text) == ["growth", "career-path", "über"]


def test_unchecked_box_without_text_is_not_an_action() -> None:
    assert parse_note("- [ ] \nnotes").actions == []


def test_editor_comments_are_dropped_but_markdown_subheadings_stay() -> None:
    assert strip_comments("# help line\n## Heading\ntext\n# another") == "## Heading\ntext"


def test_header_fields_are_read_until_the_body() -> None:
    fields, body = split_header("Title: 1:1\nConfidence: 4\n\nThe notes\nTitle: not a field", ("Title", "Confidence"))
    assert fields == {"Title": "1:1", "Confidence": "4"}
    assert body == "The notes\nTitle: not a field"
