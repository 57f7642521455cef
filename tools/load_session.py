"""One virtual user's browser tab, speaking Streamlit's websocket protocol: open a page, change a widget, read
until the script finishes."""


from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field

from afdash.web import site

REQUEST_TIMEOUT_S = 30.0
WIDGET_KINDS = ("selectbox", "radio", "multiselect", "checkbox")

# --------------------------------------------------------------------------------------------------
# One browser tab, in Streamlit's protocol


@dataclass
class RunResult:
    latency_s: float | None
    errors: list[str] = field(default_factory=list)
    widgets: list[tuple[str, object]] = field(default_factory=list)  # (kind, proto) of changeable widgets
    query_string: str = ""
    elements: set[str] = field(default_factory=set)  # kinds of element the run drew (e.g. "deck_gl_json_chart")


def widget_state(kind: str, proto, turn: int):
    """A WidgetState that changes this widget: the next option, another selection, a flipped toggle."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    ws = WidgetState(id=proto.id)
    if kind in ("selectbox", "radio"):
        if not proto.options:
            return None
        ws.string_value = proto.options[(turn + 1) % len(proto.options)]
    elif kind == "multiselect":
        if not proto.options:
            return None
        ws.string_array_value.data.extend([proto.options[turn % len(proto.options)]])
    elif kind == "checkbox":
        ws.bool_value = turn % 2 == 0
    else:
        return None
    return ws


class Tab:
    """A websocket session, as the Streamlit frontend opens it."""

    def __init__(self, url: str, timeout: float = REQUEST_TIMEOUT_S):
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.timeout = timeout
        self.ws = None

    async def open(self) -> None:
        from websockets.asyncio.client import connect

        self.ws = await asyncio.wait_for(
            connect(self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout),
            self.timeout)

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):  # closing a broken socket must not hide the real error
                await asyncio.wait_for(self.ws.close(), 5)
            self.ws = None

    async def run(self, page: site.PageSpec, query: str, widgets: list | None = None) -> RunResult:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page.url_path
        if widgets:
            msg.rerun_script.widget_states.widgets.extend(widgets)
        t0 = time.perf_counter()
        try:
            await self.ws.send(msg.SerializeToString())
            result = await asyncio.wait_for(self._until_finished(query), self.timeout)
        except TimeoutError:
            return RunResult(None, [f"timeout: no script_finished within {self.timeout:.0f} s"])
        except Exception as exc:
            return RunResult(None, [f"connection: {type(exc).__name__}: {exc}"[:200]])
        result.latency_s = time.perf_counter() - t0
        return result

    async def _until_finished(self, query: str) -> RunResult:
        from streamlit.proto.Alert_pb2 import Alert
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        out = RunResult(None, query_string=query)
        while True:
            data = await self.ws.recv()
            fm = ForwardMsg()
            fm.ParseFromString(data)
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                ek = el.WhichOneof("type")
                out.elements.add(ek)
                if ek == "exception":
                    out.errors.append(f"exception: {el.exception.type}: {el.exception.message}"[:200])
                elif ek == "alert" and el.alert.format == Alert.ERROR:
                    out.errors.append(f"error notice: {el.alert.body}"[:200])
                elif ek in WIDGET_KINDS:
                    out.widgets.append((ek, getattr(el, ek)))
            elif kind == "page_info_changed":
                out.query_string = fm.page_info_changed.query_string
            elif kind == "page_not_found":
                out.errors.append(f"page not found: {fm.page_not_found.page_name}")
            elif kind == "session_event" and fm.session_event.HasField("script_compilation_exception"):
                out.errors.append("script compilation exception")
            elif kind == "script_finished":
                if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:  # the app reran itself: wait on
                    out.widgets.clear()
                    out.elements.clear()
                    continue
                if fm.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    out.errors.append(f"script finished with status {fm.script_finished}")
                return out
