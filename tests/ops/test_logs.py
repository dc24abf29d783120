"""LOG_FORMAT=json writes one JSON object per line."""

import json
import logging

from directory.ops.logs import JsonFormatter


def _record(msg="hello %s", args=("world",), exc_info=None, **extra):
    record = logging.LogRecord("gagyo.test", logging.WARNING, __file__, 1, msg, args, exc_info)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_a_record_becomes_one_json_line():
    line = JsonFormatter().format(_record(status_code=413, path="/서울"))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "gagyo.test"
    assert entry["message"] == "hello world"
    assert entry["status_code"] == 413
    assert entry["path"] == "/서울"
    assert entry["time"].endswith("+00:00")


def test_exceptions_are_included():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        entry = json.loads(JsonFormatter().format(_record(exc_info=sys.exc_info())))
    assert "ValueError: boom" in entry["exception"]


def test_objects_in_extra_are_written_as_text():
    entry = json.loads(JsonFormatter().format(_record(request=object())))
    assert entry["request"].startswith("<object")
