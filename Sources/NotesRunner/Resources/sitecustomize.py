"""notes start-up hook: loaded by Python through PYTHONPATH before the listing runs.

NOTES_CLOCK_AT  pins the wall clock: the listing sees this moment (Unix seconds) plus the time elapsed
                since start; monotonic time, sleeps and timed waits are untouched.
NOTES_TOOLS     comma-separated names of functions in the listing's __main__ that execute tools;
                each call is timed and appended to NOTES_TRACE as a JSON line.
NOTES_TRACE     the JSON-lines file for tool spans (times are time.monotonic() seconds).

A sitecustomize that this one hides on sys.path (the interpreter's or the environment's) still runs,
after this one.
"""
import os as _os
import sys as _sys


def _pin_clock(at):
    import datetime as _datetime
    import time as _time

    monotonic = _time.monotonic
    start = monotonic()

    def now():
        return at + (monotonic() - start)

    _time.time = now
    _time.time_ns = lambda: int(now() * 1_000_000_000)

    real_date, real_datetime = _datetime.date, _datetime.datetime

    class _Meta(type):
        # Real dates made elsewhere (C code, pickles) still count as instances.
        def __instancecheck__(cls, obj):
            return isinstance(obj, cls.__bases__[0])

        def __subclasscheck__(cls, sub):
            return issubclass(sub, cls.__bases__[0])

    class date(real_date, metaclass=_Meta):
        @classmethod
        def today(cls):
            return cls.fromtimestamp(now())

    class datetime(real_datetime, metaclass=_Meta):
        @classmethod
        def now(cls, tz=None):
            return cls.fromtimestamp(now(), tz)

        @classmethod
        def utcnow(cls):
            return cls.utcfromtimestamp(now())

        @classmethod
        def today(cls):
            return cls.fromtimestamp(now())

    for cls, real in ((date, real_date), (datetime, real_datetime)):
        cls.__name__, cls.__qualname__, cls.__module__ = real.__name__, real.__qualname__, real.__module__
    _datetime.date, _datetime.datetime = date, datetime


def _observe_tools(names, trace_path):
    import functools
    import json
    import socket
    import threading
    import time

    lock = threading.Lock()
    main = _sys.modules["__main__"].__dict__
    wrapped = set()

    def record(entry):
        line = json.dumps(entry, sort_keys=True, default=repr) + "\n"
        with lock, open(trace_path, "a", encoding="utf-8") as trace:
            trace.write(line)

    def wrap(name, function):
        @functools.wraps(function)
        def observed(*args, **kwargs):
            start = time.monotonic()
            try:
                return function(*args, **kwargs)
            finally:
                record({"kind": "call", "function": name, "args": list(args), "kwargs": kwargs,
                        "start": start, "end": time.monotonic(), "thread": threading.get_ident()})
        observed.__notes_observed__ = True
        return observed

    def wrap_defined():
        for name in names:
            if name in wrapped:
                continue
            function = main.get(name)
            if callable(function) and not getattr(function, "__notes_observed__", False):
                main[name] = wrap(name, function)
                wrapped.add(name)

    # Tool functions run after a model reply, so they are always defined and wrapped before the
    # first tool call once every outgoing request first checks for them: wrap on each socket send.
    original_sendall, original_send = socket.socket.sendall, socket.socket.send

    def sendall(self, *args, **kwargs):
        if len(wrapped) < len(names):
            wrap_defined()
        return original_sendall(self, *args, **kwargs)

    def send(self, *args, **kwargs):
        if len(wrapped) < len(names):
            wrap_defined()
        return original_send(self, *args, **kwargs)

    socket.socket.sendall, socket.socket.send = sendall, send

    # A name that is still not a function of __main__ when the listing ends is a typo in the fence
    # (or a method, which the hook cannot see): say so, so `notes run` can warn instead of quietly
    # drawing one span for the whole tool phase.
    def report_missing():
        for name in names:
            if name not in wrapped and not callable(main.get(name)):
                record({"kind": "missing", "function": name})

    import atexit
    atexit.register(report_missing)


def _chain():
    # Python imports only the first sitecustomize on sys.path, and this one comes first: run the
    # one it hides (the interpreter's or the environment's), as if this hook were not there.
    import importlib.machinery
    import importlib.util

    here = _os.path.dirname(_os.path.abspath(__file__))
    rest = [p for p in _sys.path if _os.path.abspath(p or _os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None or _os.path.abspath(spec.origin or "") == _os.path.abspath(__file__):
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


def _install():
    at = _os.environ.get("NOTES_CLOCK_AT")
    if at:
        _pin_clock(float(at))
    names = [n for n in _os.environ.get("NOTES_TOOLS", "").split(",") if n]
    trace = _os.environ.get("NOTES_TRACE")
    if names and trace:
        _observe_tools(names, trace)
    _chain()


_install()
del _install, _chain
