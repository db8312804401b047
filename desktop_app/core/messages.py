"""User-facing messages of the core, in Chinese first.

The core cannot use Qt's translator (it never imports Qt), yet its error messages and
explanations reach bureau staff through the CLI and the GUI. Every message is written as
an English literal wrapped in ``tr()``; ``ZH_CN`` holds its Chinese text. A test scans the
core for ``tr("...")`` literals and fails if one has no Chinese entry.
"""

from __future__ import annotations

LANGUAGES = ("zh_CN", "en")
_language = "zh_CN"


def set_language(language: str) -> None:
    """Choose the language of core messages ("zh_CN" or "en")."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _language = language


def language() -> str:
    return _language


def tr(text: str, /, **values: object) -> str:
    """Translate an English message literal and fill in its ``{named}`` values."""
    template = ZH_CN.get(text, text) if _language == "zh_CN" else text
    return template.format(**values) if values else template


ZH_CN: dict[str, str] = {
    # --- storage
    "{path} is not a SQLite database (or it is damaged); nothing was changed.":
        "{path} 不是 SQLite 数据库（或已损坏），未做任何修改。",
    "{path} was written by a newer version of this program (unknown schema changes: {names}); "
    "it was not opened and nothing was changed. Please upgrade the program.":
        "{path} 由更新版本的程序写入（未知的数据库结构变更：{names}），未打开、未做任何修改。请升级本程序。",
    "The database location {path} is read-only; choose a folder you can write to (--db PATH).":
        "数据库位置 {path} 只读，请选择可写的文件夹（--db PATH）。",
    "Cannot open the database {path}: {reason}":
        "无法打开数据库 {path}：{reason}",
    "Backup written to {path}": "已备份到 {path}",
    # --- office hours
    "office hours are empty": "办公时间为空",
    "office hours group {group!r} needs days and times, like 'MO-FR 08:30-12:00'":
        "办公时间“{group}”需要同时写星期和时间，例如“MO-FR 08:30-12:00”",
    "unknown day {day!r} (use MO TU WE TH FR SA SU)":
        "未知的星期“{day}”（请使用 MO TU WE TH FR SA SU）",
    "bad day range {days!r}": "星期范围“{days}”有误",
    "bad time interval {interval!r} (expected HH:MM-HH:MM)":
        "时间段“{interval}”格式有误（应为 HH:MM-HH:MM）",
    "time interval {interval!r} ends before it starts":
        "时间段“{interval}”的结束时间早于开始时间",
    "time intervals overlap on {day}: {first} and {second}":
        "{day} 的时间段重叠：{first} 与 {second}",
    "day {day} is listed twice": "星期 {day} 重复出现",
    # --- dataset import
    "{file}: the file is empty": "{file}：文件为空",
    "{file}: cannot read the file: {reason}": "{file}：无法读取文件：{reason}",
    "{file}: the text is neither UTF-8 nor GB18030": "{file}：文本编码既不是 UTF-8 也不是 GB18030",
    "{file}: unknown column {column!r}": "{file}：未知的列“{column}”",
    "{file}: required column {column!r} is missing": "{file}：缺少必需的列“{column}”",
    "{file}: column {column!r} appears twice": "{file}：列“{column}”出现了两次",
    "{file}: required file is missing": "{file}：缺少必需的文件",
    "{file}: required sheet is missing from the workbook": "{file}：工作簿中缺少必需的工作表",
    "{where}: {problem}": "{where}：{problem}",
    "{file}, row {row}, column {column}": "{file} 第 {row} 行“{column}”列",
    "{file}, row {row}": "{file} 第 {row} 行",
    "a value is required": "不能为空",
    "bad date {value!r} (expected YYYY-MM-DD)": "日期“{value}”有误（应为 YYYY-MM-DD）",
    "bad whole number {value!r}": "整数“{value}”有误",
    "must be at least {minimum}": "不能小于 {minimum}",
    "unknown level {value!r} (use city/district or 市级/区级)":
        "未知的级别“{value}”（请填写 city/district 或 市级/区级）",
    "unknown half-day preference {value!r} (use am, pm or any)":
        "未知的时段偏好“{value}”（请填写 am、pm 或 any）",
    "unknown holiday kind {value!r} (use holiday or workday)":
        "未知的日期类型“{value}”（请填写 holiday 或 workday）",
    "duplicate code {code!r} (first on row {first_row})": "编码“{code}”重复（首次出现在第 {first_row} 行）",
    "duplicate date {value} (first on row {first_row})": "日期 {value} 重复（首次出现在第 {first_row} 行）",
    "duplicate pair {first} – {second} (first on row {first_row})":
        "地点对 {first} – {second} 重复（首次出现在第 {first_row} 行）",
    "unknown place {code!r}": "未知的地点“{code}”",
    "unknown department {code!r}": "未知的部门“{code}”",
    "unknown item {code!r}": "未知的验收事项“{code}”",
    "a project needs at least one acceptance item": "项目至少需要一个验收事项",
    "ready date {ready} is before the application date {applied}":
        "具备验收条件日期 {ready} 早于申请日期 {applied}",
    "deadline {deadline} is before the ready date {ready}":
        "验收期限 {deadline} 早于具备验收条件日期 {ready}",
    "travel from a place to itself is always 0 minutes": "同一地点之间的路程恒为 0 分钟",
    "{file}: unknown department code {code!r} in the file name":
        "{file}：文件名中的部门编码“{code}”不存在",
    "The dataset has {count} problem(s); nothing was imported:":
        "数据集有 {count} 处错误，未导入任何内容：",
    "… and {count} more": "……另有 {count} 处",
    "{path} is neither a dataset folder nor an .xlsx workbook":
        "{path} 既不是数据集文件夹，也不是 .xlsx 工作簿",
    "{path}: not a valid .xlsx workbook ({reason})": "{path}：不是有效的 .xlsx 工作簿（{reason}）",
    # --- demo / stats
    "Demo data loaded into {path}": "演示数据已载入 {path}",
    "{path} already holds data; the demo was not loaded again.":
        "{path} 中已有数据，未重复载入演示数据。",
}
ZH_CN.update({
    "The official holiday schedule for {years} is not confirmed yet: working days in "
    "that year are computed from weekends and fixed holidays only. Enter the bureau's "
    "overrides (节假日 ▸ 调整) and mark the year complete once the State Council announces it.":
        "{years} 年的法定节假日安排尚未确认：该年度的工作日仅按周末和固定节日推算。"
        "国务院公布安排后，请在“节假日”中录入调整并将该年度标记为已完整。",
})
ZH_CN.update({
    "{sheet}: {new} new, {changed} changed, {unchanged} unchanged": "{sheet}：新增 {new}，修改 {changed}，未变 {unchanged}",
    "Requests: {total} ({waiting} waiting, {scheduled} scheduled, {done} done, {withdrawn} withdrawn)":
        "验收申请：{total} 件（待排期 {waiting}，已排期 {scheduled}，已完成 {done}，已撤回 {withdrawn}）",
    "Departments: {count} ({city} city, {district} district); items: {items}; places: {places}":
        "部门：{count} 个（市级 {city}，区级 {district}）；验收事项：{items} 项；地点：{places} 个",
    "Visits: {visits} ({this_week} this week)": "现场验收：{visits} 场（本周 {this_week} 场）",
    "Joint rate {joint:.0%}, trips {joint_trips} instead of {separate} ({saved:.1f}% fewer), "
    "department trips {department_trips}, on time {on_time:.0%}, mean wait {wait:.1f} working days":
        "联合验收率 {joint:.0%}，跑腿 {joint_trips} 次（分散验收需 {separate} 次，减少 {saved:.1f}%），"
        "部门出车 {department_trips} 趟，按期率 {on_time:.0%}，平均等待 {wait:.1f} 个工作日",
    "Working-day calendar confirmed for: {years}; holiday overrides: {overrides}":
        "工作日历已确认年度：{years}；节假日调整 {overrides} 条",
    "Busy time of {department}: {location}, {events} events, refreshed {fetched}":
        "{department} 忙碌时间：{location}，{events} 个事件，更新于 {fetched}",
})
ZH_CN.update({  # repository compare-and-set edits (GUI)
    "settings": "设置",
    "The change was refused by the database: {reason}": "数据库拒绝了此修改：{reason}",
    "Another window is writing to this database; nothing was changed. Reload and try again.":
        "另一个窗口正在写入此数据库，未做任何修改。请刷新后重试。",
    "{code} cannot be deleted: {count} record(s) in {table} still use it.":
        "无法删除 {code}：{table} 中仍有 {count} 条记录引用它。",
    "{key} was changed elsewhere (another window or program) since it was read; nothing was changed. "
    "The view has been reloaded; please try again.":
        "{key} 在读取后已被其他窗口或程序修改，未做任何修改。视图已刷新，请重试。",
})
