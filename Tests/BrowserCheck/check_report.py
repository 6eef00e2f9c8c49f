#!/usr/bin/env python3
"""Opens an HTML report in headless Chromium and checks that it renders: no console errors, every image decoded,
every <audio> element loaded its clip. Talks to Chromium over the DevTools protocol on a pipe (standard library
only). JavaScript is off in the page unless --javascript on (reports must work without it).

usage: check_report.py REPORT.html [--screenshot OUT.png] [--javascript on|off] [--width 1200] [--height 900]
Prints one JSON line; exit status 0 when the page passes, 1 when it does not, 2 when Chromium cannot run.
"""
import argparse, base64, fcntl, json, os, shutil, subprocess, sys, tempfile, time

CHECK = r"""JSON.stringify({
  images: [...document.images].map(i => ({alt: i.alt, complete: i.complete, width: i.naturalWidth})),
  audio: [...document.querySelectorAll('audio')].map(a => ({title: a.title, state: a.readyState,
      error: a.error ? a.error.code : null, duration: a.duration, src: !!(a.currentSrc || a.getAttribute('src'))})),
  scripts: document.scripts.length, svgs: document.querySelectorAll('svg').length, title: document.title})"""


class DevTools:
    def __init__(self, chromium, profile):
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        # Move the child's ends above 3 and 4 so that placing them there cannot clobber one another. Python's own
        # descriptors are close-on-exec, so only 3 and 4 (made in the child by dup2) reach Chromium.
        high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
        high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
        os.close(to_child_r); os.close(from_child_w)

        def place():
            os.dup2(high_r, 3); os.dup2(high_w, 4)

        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "--mute-audio",
             "--disable-extensions", "--disable-background-networking", "about:blank"],
            close_fds=False, preexec_fn=place, stdin=subprocess.DEVNULL, stdout=self.log,
            stderr=self.log)
        os.close(high_r); os.close(high_w)
        self.out, self.inp = to_child_w, from_child_r
        self.buffer, self.next_id, self.events = b"", 0, []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session: message["sessionId"] = session
        os.write(self.out, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.receive(deadline)
            if reply is None: break
            if reply.get("id") == self.next_id:
                if "error" in reply: raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(method)

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline: return None
            chunk = os.read(self.inp, 1 << 20)
            if not chunk: raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(line)

    def wait_for(self, method, timeout):
        deadline = time.time() + timeout
        for e in self.events:
            if e.get("method") == method: return e
        while time.time() < deadline:
            e = self.receive(deadline)
            if e is None: break
            self.events.append(e)
            if e.get("method") == method: return e
        raise TimeoutError(method)

    def close(self):
        try:
            os.write(self.out, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill(); self.process.wait()


def console_errors(events):
    errors = []
    for e in events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            errors.append("console." + p["type"] + ": " + " ".join(str(a.get("value", a.get("description", "")))
                                                                 for a in p.get("args", [])))
        elif m == "Runtime.exceptionThrown":
            errors.append("exception: " + p.get("exceptionDetails", {}).get("text", ""))
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            errors.append("log: " + p["entry"].get("text", ""))
    return errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("--screenshot")
    parser.add_argument("--javascript", choices=["on", "off"], default="off")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print(json.dumps({"ok": False, "problems": ["chromium is not installed"]})); return 2
    profile = tempfile.mkdtemp(prefix="swiftgan-chromium-")
    tools = DevTools(chromium, profile)
    problems, result = [], {}
    try:
        target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            tools.send(domain + ".enable", session=session)
        tools.send("Emulation.setScriptExecutionDisabled", {"value": args.javascript == "off"}, session=session)
        tools.send("Emulation.setDeviceMetricsOverride", {"width": args.width, "height": args.height,
                                                          "deviceScaleFactor": 1, "mobile": False}, session=session)
        start = time.time()
        tools.send("Page.navigate", {"url": "file://" + os.path.abspath(args.report)}, session=session)
        tools.wait_for("Page.loadEventFired", args.timeout)
        result["load_seconds"] = round(time.time() - start, 3)
        # Media elements load after the load event; wait until each has its metadata or an error.
        deadline = time.time() + args.timeout
        while True:
            state = json.loads(tools.send("Runtime.evaluate", {"expression": CHECK, "returnByValue": True},
                                          session=session)["result"]["value"])
            settled = all(a["state"] >= 1 or a["error"] is not None or not a["src"] for a in state["audio"]) and \
                all(i["complete"] for i in state["images"])
            if settled or time.time() > deadline: break
            time.sleep(0.1)
        result["ready_seconds"] = round(time.time() - start, 3)
        if args.screenshot:
            shot = tools.send("Page.captureScreenshot", {"format": "png"}, session=session)
            with open(args.screenshot, "wb") as f: f.write(base64.b64decode(shot["data"]))
        time.sleep(0.2)  # late console messages
        tools.send("Runtime.evaluate", {"expression": "0"}, session=session)
        errors = console_errors(tools.events)
        problems += errors
        problems += [f"image not decoded: {i['alt'] or '(no alt)'}" for i in state["images"]
                     if not i["complete"] or i["width"] == 0]
        problems += [f"audio not loaded: {a['title'] or '(no title)'} (readyState {a['state']}, error {a['error']}, "
                     f"src {'present' if a['src'] else 'missing'})" for a in state["audio"]
                     if a["state"] < 1 or a["error"] is not None]
        if args.javascript == "off" and state["scripts"]:
            problems.append(f"the page has {state['scripts']} script(s); reports must work with JavaScript off")
        result.update(images=len(state["images"]), audio=len(state["audio"]), svgs=state["svgs"],
                      scripts=state["scripts"], title=state["title"])
    except Exception as error:  # noqa: BLE001 - every failure is a failed check
        problems.append(f"{type(error).__name__}: {error}")
    finally:
        tools.close()
        shutil.rmtree(profile, ignore_errors=True)
    result["problems"] = problems
    result["ok"] = not problems
    print(json.dumps(result))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
