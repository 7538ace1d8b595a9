"""Measure Chinese PDF rendering: plain WeasyPrint against ``govservice.printing.pdf.html_to_pdf``.

Run from the repository root: ``python benchmarks/pdf_bench.py`` (with the bench's Python, which has
WeasyPrint). It renders a one-page 委托代办协议书 and a three-page 代办工作台账 with each configuration and
prints the cold time (first render in the process), the warm time (median of the next 5 renders), the PDF
size, and whether ``pdftotext`` gets the key Chinese phrases back.

Each naive render takes 7-10 s on 2 cores, so to keep a run under 2 minutes the naive warm figure is the
median of 3 renders (``--full``: 5, like the fixed configuration; the run then takes about 2.5 minutes).
It always exits 0; it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Runs as a script, so the repository root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WARM_RENDERS = 5
NAIVE_WARM_RENDERS = 3
TARGET_WARM_SECONDS = 1.0
TARGET_BYTES_PER_PAGE = 2 * 1024 * 1024
NAIVE_FONT_FAMILY = '"Noto Sans CJK SC"'

AGREEMENT_PHRASES = ("委托代办协议书", "承诺办结时限", "110105********002X", "材料清单")
LEDGER_PHRASES = ("代办工作台账", "社会保障卡补办", "养老保险待遇领取资格认证")

MATERIALS = (
	("居民身份证原件及复印件", "1", "原件核验后退回"),
	("户口簿原件及复印件", "1", "原件核验后退回"),
	("授权委托书（本协议）", "2", "双方各执一份"),
	("不动产权属来源证明材料", "1", "原件"),
	("近期一寸免冠彩色照片", "2", "白底"),
	("宅基地使用申请表（加盖村委会公章）", "1", "原件"),
)

AGREEMENT_STYLE = """
@page { size: A4; margin: 15mm 16mm; }
%s
body { font-size: 10.5pt; line-height: 1.5; }
h1 { text-align: center; font-size: 18pt; letter-spacing: 4pt; margin: 0 0 8pt; }
p { margin: 3pt 0; text-indent: 0; }
table { width: 100%%; border-collapse: collapse; margin: 4pt 0; }
td, th { border: 0.75pt solid #333; padding: 2pt 5pt; }
th { background: #eee; }
table.sign td { border: none; padding-top: 16pt; }
"""


def font_rule(font_family: str | None) -> str:
	"""The template's own font rule; None leaves it out, so only html_to_pdf's CJK_FONT_CSS sets the font.

	It is set on ``html`` too: @page margin boxes (the ledger's page numbers) inherit from the root
	element, and with the font only on ``body`` they would fall back to a third face, Noto Serif CJK.
	"""
	return f"html, body {{ font-family: {font_family}; }}" if font_family else ""


def agreement_html(font_family: str | None = NAIVE_FONT_FAMILY) -> str:
	"""A one-page entrustment agreement (委托代办协议书) of about 600 Chinese characters."""
	rows = "".join(
		f"<tr><td>{i}</td><td>{name}</td><td>{count}</td><td>{note}</td></tr>"
		for i, (name, count, note) in enumerate(MATERIALS, start=1)
	)
	style = AGREEMENT_STYLE % font_rule(font_family)
	return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>委托代办协议书</title><style>{style}</style></head>
<body>
<h1>委托代办协议书</h1>
<p>编号：WT-2025-000158</p>
<p><b>委托人（甲方）</b>：张秀英　　身份证号：110105********002X　　联系电话：138****5678</p>
<p><b>受托人（乙方）</b>：城关镇便民服务中心代办员 李建国　　工号：DB-0231　　电话：0371-6688****</p>
<p>甲方因年事已高、行动不便，自愿委托乙方代为办理下列政务服务事项。经双方协商一致，订立本协议，共同遵守。</p>
<p><b>一、委托事项</b>：农村宅基地和房屋不动产登记（首次登记），办理地点为县政务服务中心不动产登记窗口。\
委托范围包括提交申请材料、领取受理通知书、补正材料、领取不动产权证书。</p>
<p><b>二、材料清单</b>：甲方应向乙方提供下列材料，并保证材料真实、合法、有效。</p>
<table><tr><th>序号</th><th>材料名称</th><th>份数</th><th>备注</th></tr>{rows}</table>
<p><b>三、承诺办结时限</b>：乙方自收齐材料之日起二个工作日内提交受理窗口，事项承诺办结时限为十五个工作日\
（法定节假日顺延）。办结后乙方应在三个工作日内将证照及材料原件送达甲方。</p>
<p><b>四、甲方的权利和义务</b>：甲方有权随时查询办理进度，有权对乙方的服务进行评价和投诉；甲方应如实提供材料，\
因材料虚假造成的法律责任由甲方自行承担。</p>
<p><b>五、乙方的权利和义务</b>：乙方应当按照委托范围依法依规代为办理，不得收取任何费用，不得泄露甲方个人信息，\
不得擅自扩大委托范围；乙方在代办过程中遇到需要甲方补正材料的，应及时告知甲方。</p>
<p><b>六、协议的变更和终止</b>：甲方可以随时书面解除委托；事项办结、材料送达后本协议自动终止。</p>
<p><b>七、其他</b>：本协议一式两份，甲乙双方各执一份，自双方签字之日起生效。监督电话：12345。</p>
<table class="sign">
<tr><td>委托人（签字、按手印）：</td><td>受托人（签字）：</td></tr>
<tr><td>日期：　　年　　月　　日</td><td>日期：　　年　　月　　日</td></tr>
</table>
</body></html>"""


def ledger_html(font_family: str | None = NAIVE_FONT_FAMILY, rows: int = 66) -> str:
	"""A three-page work-log ledger (代办工作台账) table with a repeated header and page numbers."""
	names = ("王建华", "李秀梅", "张伟", "刘桂兰", "陈志强", "杨丽娟", "赵国庆", "黄晓燕")
	items = (
		"居民身份证换领",
		"社会保障卡补办",
		"城乡居民医疗保险参保登记",
		"养老保险待遇领取资格认证",
		"不动产登记",
		"残疾人证办理",
		"最低生活保障申请",
		"户口迁移",
	)
	states = ("已受理", "办理中", "已办结", "待补正")
	body = "".join(
		f"<tr><td>{i + 1}</td><td>2025-03-{i % 28 + 1:02d}</td><td>{names[i % 8]}</td>"
		f"<td>11010{i % 9}********{i % 10}01X</td><td>{items[i % 8]}</td><td>{states[i % 4]}</td>"
		f"<td>{names[(i + 3) % 8]}</td></tr>"
		for i in range(rows)
	)
	return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>代办工作台账</title><style>
@page {{ size: A4 landscape; margin: 12mm;
	@bottom-center {{ content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; }} }}
{font_rule(font_family)}
body {{ font-size: 10pt; }}
h2 {{ text-align: center; margin: 0 0 6pt; }}
table {{ width: 100%; border-collapse: collapse; }}
td, th {{ border: 0.75pt solid #555; padding: 2pt 4pt; }}
thead {{ display: table-header-group; }}
</style></head><body>
<h2>便民服务中心代办工作台账（2025年3月）</h2>
<table><thead><tr><th>序号</th><th>日期</th><th>委托人</th><th>身份证号</th><th>代办事项</th><th>状态</th>
<th>经办人</th></tr></thead><tbody>{body}</tbody></table>
</body></html>"""


def han_count(html: str) -> int:
	"""Chinese characters in the visible body of ``html`` (tags and the <head> left out)."""
	body = re.sub(r"<[^>]+>", "", html.split("<body>", 1)[1])
	return len(re.findall(r"[\u3400-\u9fff]", body))


def page_count(pdf: bytes) -> int | None:
	"""Number of pages in ``pdf`` according to ``pdfinfo``, or None when poppler-utils is not installed.

	(pydyf packs the page dictionaries into compressed object streams, so they can't be counted in the bytes.)
	"""
	if not shutil.which("pdfinfo"):
		return None
	result = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=False)
	found = re.search(r"^Pages:\s+(\d+)", result.stdout.decode("utf-8", "replace"), re.MULTILINE)
	return int(found.group(1)) if found else None


def extracted_text(pdf: bytes) -> str | None:
	"""The text ``pdftotext`` extracts from ``pdf``, or None when poppler-utils is not installed."""
	if not shutil.which("pdftotext"):
		return None
	result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=False)
	return result.stdout.decode("utf-8", "replace")


def embedded_fonts(pdf: bytes) -> list[str]:
	"""Names of the fonts embedded in ``pdf`` (subset prefix removed), or [] without ``pdffonts``."""
	if not shutil.which("pdffonts"):
		return []
	result = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=False)
	lines = result.stdout.decode("utf-8", "replace").splitlines()[2:]
	return sorted({line.split()[0].split("+", 1)[-1] for line in lines if line.strip()})


def measure(render: Callable[[str], bytes], html: str, warm_renders: int) -> tuple[float, float, bytes]:
	"""Cold time (first call), warm time (median of the next ``warm_renders`` calls) and the last PDF."""
	start = time.perf_counter()
	pdf = render(html)
	cold = time.perf_counter() - start
	warm = []
	for _ in range(warm_renders):
		start = time.perf_counter()
		pdf = render(html)
		warm.append(time.perf_counter() - start)
	return cold, statistics.median(warm), pdf


def report(label: str, cold: float, warm: float, pdf: bytes, phrases: tuple[str, ...]) -> dict[str, object]:
	"""Print one result line and return its figures."""
	pages = page_count(pdf)
	per_page = len(pdf) / 1024 / (pages or 1)
	text = extracted_text(pdf)
	if text is None:
		text_ok: bool | None = None
		text_note = "pdftotext missing (apt-get install poppler-utils)"
	else:
		missing = [phrase for phrase in phrases if phrase not in text]
		text_ok = not missing
		text_note = "all key phrases" if text_ok else f"MISSING {missing}"
	print(
		f"  {label:<20} cold {cold:6.2f} s   warm {warm:6.3f} s   {pages or '?'} page(s)   "
		f"{len(pdf) / 1024:6.1f} KB ({per_page:6.1f} KB/page)   pdftotext: {text_note}"
	)
	return {"warm": warm, "pages": pages, "size": len(pdf), "text_ok": text_ok}


def main() -> int:
	"""Run both configurations on both documents and print the figures."""
	parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
	parser.add_argument(
		"--full", action="store_true", help=f"naive warm = median of {WARM_RENDERS} too (slower run)"
	)
	naive_warm = WARM_RENDERS if parser.parse_args().full else NAIVE_WARM_RENDERS
	start = time.perf_counter()
	import weasyprint

	import_seconds = time.perf_counter() - start
	from govservice.printing import pdf as fast_pdf

	def naive(html: str) -> bytes:
		return weasyprint.HTML(string=html).write_pdf()

	agreement = agreement_html()
	ledger = ledger_html()
	print(
		f"WeasyPrint {weasyprint.__version__}, Python {sys.version.split()[0]}; import weasyprint "
		f"{import_seconds:.2f} s (not in the timings)"
	)
	print(
		f"Documents: agreement {han_count(agreement)} Chinese characters; "
		f"ledger {ledger.count('<tr>') - 1} rows. Warm = median of the renders after the first "
		f"(naive: {naive_warm}, fixed: {WARM_RENDERS})."
	)

	print(f"\nNaive: HTML(string=...).write_pdf(), font-family {NAIVE_FONT_FAMILY} (fontTools subsetting)")
	naive_results = [
		report("agreement (1 page)", *measure(naive, agreement, naive_warm), AGREEMENT_PHRASES),
		report("ledger (3 pages)", *measure(naive, ledger, naive_warm), LEDGER_PHRASES),
	]

	print(
		"\nFixed: govservice.printing.pdf.html_to_pdf (hb-subset, reused FontConfiguration); "
		f"fast path active: {fast_pdf.fast_subsetting_available()}"
	)
	fixed_results = [
		report(
			"agreement (1 page)", *measure(fast_pdf.html_to_pdf, agreement, WARM_RENDERS), AGREEMENT_PHRASES
		),
		report("ledger (3 pages)", *measure(fast_pdf.html_to_pdf, ledger, WARM_RENDERS), LEDGER_PHRASES),
	]
	# Same agreement with no font-family of its own: CJK_FONT_CSS, injected by html_to_pdf, picks the font.
	bare = fast_pdf.html_to_pdf(agreement_html(font_family=None))
	fonts = embedded_fonts(bare)
	print(f"  template without font-family -> embedded fonts: {', '.join(fonts) or '(pdffonts missing)'}")

	print("\nSpeed-up (warm):")
	for name, naive_result, fixed_result in zip(
		("agreement", "ledger"), naive_results, fixed_results, strict=True
	):
		speed_up = float(naive_result["warm"]) / float(fixed_result["warm"])
		print(f"  {name:<10} {speed_up:6.1f}x")

	agreement_result = fixed_results[0]
	fast_enough = float(agreement_result["warm"]) < TARGET_WARM_SECONDS
	checks = {
		f"agreement warm < {TARGET_WARM_SECONDS:.0f} s": fast_enough,
		"agreement is 1 page": agreement_result["pages"] == 1,
		"ledger is 3 pages": fixed_results[1]["pages"] == 3,
		"text extractable": all(result["text_ok"] for result in fixed_results),
		"< 2 MB per page": all(
			int(result["size"]) / int(result["pages"] or 1) < TARGET_BYTES_PER_PAGE
			for result in fixed_results
		),
	}
	print("\nTargets: " + "; ".join(f"{name}: {'yes' if ok else 'NO'}" for name, ok in checks.items()))
	print(f"Total run time {time.perf_counter() - start:.0f} s")
	return 0


if __name__ == "__main__":
	sys.exit(main())
