// Drafter web page: live drafting progress (server-sent events) and small form comforts. No build step.
"use strict";

function text(el, value) { el.textContent = value; return el; }

function startProgress(box) {
  const list = document.getElementById("job-sections");
  const state = document.getElementById("job-state");
  const result = document.getElementById("job-result");
  const link = document.getElementById("job-link");
  const items = {};
  const source = new EventSource(box.dataset.events);
  source.addEventListener("plan", (e) => {
    const data = JSON.parse(e.data);
    text(state, data.sections.length ? `共 ${data.sections.length} 个章节待起草：` : "没有需要起草的章节。");
    for (const s of data.sections) {
      if (items[s.id]) continue;
      const li = text(document.createElement("li"), s.title);
      li.className = "waiting"; li.id = "job-" + s.id; items[s.id] = li; list.appendChild(li);
    }
  });
  source.addEventListener("section", (e) => {
    const s = JSON.parse(e.data);
    const li = items[s.id] || list.appendChild(document.createElement("li"));
    items[s.id] = li;
    text(li, `${s.title}（${Number(s.seconds).toFixed(1)} 秒）${s.error ? "：" + s.error : ""}`);
    li.className = s.status === "failed" ? "failed" : "done";
  });
  source.addEventListener("done", (e) => {
    const d = JSON.parse(e.data);
    result.hidden = false; link.hidden = false;
    text(state, "起草完成。");
    text(result, `共 ${d.check.figures} 个数字，已核实 ${d.check.verified}，由公式推出 ${d.check.derived}，` +
      `需要核对 ${d.check.mismatch + d.check.unsupported + d.check.inconsistent}` +
      (d.failed.length ? `；${d.failed.length} 个章节失败，可再次起草补写。` : "。"));
  });
  source.addEventListener("failed", (e) => {
    result.hidden = false; result.className = "problems";
    text(state, "起草失败。"); text(result, JSON.parse(e.data).message);
  });
  source.addEventListener("end", () => source.close());
}

function toggleOpenAI(form) {
  const fields = form.querySelector(".openai-fields");
  if (!fields) return;
  const update = () => {
    const chosen = form.querySelector("input[name=backend]:checked");
    fields.hidden = !chosen || chosen.value !== "openai";
  };
  form.querySelectorAll("input[name=backend]").forEach((r) => r.addEventListener("change", update));
  update();
}

document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("job");
  if (box) startProgress(box);
  document.querySelectorAll("form").forEach((form) => {
    toggleOpenAI(form);
    form.addEventListener("submit", () => {
      const button = form.querySelector("button[type=submit]");
      if (button) { setTimeout(() => { button.disabled = true; }, 0); text(button, "处理中…"); }
    });
  });
  document.querySelectorAll(".js-back").forEach((a) => a.addEventListener("click", (e) => {
    if (history.length > 1) { e.preventDefault(); history.back(); }
  }));
});
