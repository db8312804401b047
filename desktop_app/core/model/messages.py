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
    "{value} is out of range: use a whole number from {minimum} to {maximum}":
        "{value} 超出范围：请填写 {minimum} 到 {maximum} 之间的整数",
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
    "{department} already has the source {location}": "{department} 已有日历来源 {location}",
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
    "cell {cell} holds a formula without a saved value, so there is nothing to import; open and save "
    "the workbook in Excel (which stores the calculated values), or paste the values instead of the "
    "formulas":
        "单元格 {cell} 是尚未计算出结果的公式，没有可导入的值；请用 Excel 打开并保存该工作簿"
        "（Excel 会保存计算结果），或改为“粘贴为数值”",
    "{file}: more than {limit} rows; split the data into several imports":
        "{file}：超过 {limit} 行，请把数据拆成几次导入",
    "{file}: the file is {size} MB, more than the limit of {limit} MB":
        "{file}：文件大小为 {size} MB，超过了 {limit} MB 的上限",
    "{path}: the file is {size} MB, more than the limit of {limit} MB":
        "{path}：文件大小为 {size} MB，超过了 {limit} MB 的上限",
    "{file}, row {row}: cannot read this row: a cell is longer than {limit} characters, or a quotation mark "
    "is never closed":
        "{file} 第 {row} 行：无法读取该行：有单元格超过 {limit} 个字符，或有引号没有闭合",
    "{path}: unpacked, the workbook would take {size} MB, more than the limit of {limit} MB; it was not opened":
        "{path}：该工作簿解压后将占用 {size} MB，超过了 {limit} MB 的上限，未打开",
    "{path}: the part {part} unpacks to {ratio} times its packed size ({size} MB), which no spreadsheet does; "
    "the file was not opened":
        "{path}：其中的 {part} 解压后是压缩大小的 {ratio} 倍（{size} MB），正常的电子表格不会如此，未打开该文件",
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
    "Requests: {total} ({waiting} waiting, {scheduled} scheduled, {rectifying} rectifying, {done} accepted, "
    "{failed} not passed, {withdrawn} withdrawn)":
        "验收申请：{total} 件（待排期 {waiting}，已排期 {scheduled}，整改中 {rectifying}，已通过 {done}，"
        "未通过 {failed}，已撤回 {withdrawn}）",
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
ZH_CN.update({  # --- the lifecycle's figures (`stats`) and the monthly report (`report month`)
    "Accepted this month ({month}): {accepted}; in all {all_accepted} accepted, {failed} not passed; one-pass "
    "rate {one_pass} ({first_round} of {decided} decided)":
        "本月（{month}）通过 {accepted} 件；累计通过 {all_accepted} 件、未通过 {failed} 件；"
        "一次性通过率 {one_pass}（办结 {decided} 件中 {first_round} 件）",
    "Visits held: {held}, {with_findings} asked for rectification ({rate}); re-inspections held: "
    "{reinspections}; findings: {findings}":
        "已举行现场验收 {held} 场，其中 {with_findings} 场提出整改（整改率 {rate}）；复验 {reinspections} 场；"
        "整改意见 {findings} 条",
    "Mean time from application to the joint acceptance opinion: {days} working days":
        "申请至出具联合验收意见平均 {days} 个工作日",
    "Results overdue: {count} visit(s): {visits}": "逾期未录入结果的现场验收：{count} 场（{visits}）",
    "Results overdue: none": "逾期未录入结果的现场验收：无",
    "{name} {rate} ({rectify} of {inspections})": "{name} {rate}（{inspections} 场中 {rectify} 场）",
    "Rectification rate by department: {departments}": "各部门需整改率：{departments}",
    "Items with the most findings: {items}": "整改意见最多的验收事项：{items}",
    "(no item named)": "（未指明事项）",
    "Bad month {text!r}: write it as YYYY-MM, e.g. 2026-11.": "月份“{text}”有误：请写作 YYYY-MM，例如 2026-11。",
    "{month} has not begun yet (today is {today}); there is nothing to report.":
        "{month} 尚未开始（今天是 {today}），没有可统计的内容。",
    "The monthly report is an Excel workbook: name the file .xlsx (not {path}).":
        "月度报告是 Excel 工作簿：文件名请以 .xlsx 结尾（而不是 {path}）。",
    "{path} is a folder; give a file name such as report.xlsx.": "{path} 是文件夹，请给出文件名，例如 report.xlsx。",
    "The folder {folder} does not exist; nothing was written.": "文件夹 {folder} 不存在，未写入任何文件。",
    "Cannot write to the folder {folder} ({reason}); nothing was written.":
        "无法写入文件夹 {folder}（{reason}），未写入任何文件。",
    "Cannot write {path} ({reason}); nothing was written.": "无法写入 {path}（{reason}），未写入任何文件。",
    "Monthly report for {year}-{month:02d} written to {path}": "{year}-{month:02d} 月度报告已写入 {path}",
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
ZH_CN.update({  # request validation in the editor (GUI)
    "code": "编码",
    "project name": "项目名称",
    "owner": "建设单位",
    "place": "地点",
    "{field}: a value is required": "{field}：不能为空",
    "a request with code {code!r} already exists": "编码为“{code}”的验收申请已存在",
})
ZH_CN.update({
    # --- iCal export and publishing
    "Invitations need the bureau's e-mail address as organizer; enter it in the settings":
        "邀请需要以审批局的电子邮箱作为组织者，请在设置中填写",
    "Unknown time zone {zone!r} in the settings (expected e.g. Asia/Shanghai)":
        "设置中的时区“{zone}”无法识别（应为如 Asia/Shanghai 的时区名）",
    "The department codes {first!r} and {second!r} would share the file {file}; rename one of them":
        "部门编码“{first}”与“{second}”会写入同一个文件 {file}，请修改其中一个编码",
    "The project codes {first!r} and {second!r} would share the file {file}; rename one of them":
        "项目编码“{first}”与“{second}”会写入同一个文件 {file}，请修改其中一个编码",
    "Department {department} has no e-mail address; invitations need one":
        "部门“{department}”没有电子邮箱，无法发送邀请",
    "the disk is full": "磁盘已满",
    "permission denied (the folder is read-only)": "没有写入权限（文件夹只读）",
    "Cannot write {file}: {reason}; the previous file was kept.": "无法写入 {file}：{reason}；原文件保持不变。",
    "The export folder {folder} is a file, not a folder.": "导出位置 {folder} 是一个文件，不是文件夹。",
    "The export folder {folder} does not exist (nor does {parent}); check the path or connect the network drive.":
        "导出文件夹 {folder} 不存在（{parent} 也不存在），请检查路径或连接网络驱动器。",
    "Cannot create the export folder {folder}: {reason}": "无法创建导出文件夹 {folder}：{reason}",
    "Cannot remove the outdated feed {file}: {reason}": "无法删除过期的日历文件 {file}：{reason}",
    "Another export is writing to {folder} (another window, command or computer); nothing was changed. "
    "Export again when it has finished.":
        "另一个导出（其他窗口、命令或电脑）正在写入 {folder}，本次未做任何修改。请待其完成后再导出。",
    "Cannot write to the export folder {folder}: {reason}": "无法写入导出文件夹 {folder}：{reason}",
    "The CalDAV address {url} must start with http:// or https://": "CalDAV 地址 {url} 必须以 http:// 或 https:// 开头",
    "The CalDAV server {url} refused the user name or password (set the password in the environment variable "
    "{variable} or the system keyring); nothing was changed locally.":
        "CalDAV 服务器 {url} 拒绝了用户名或密码（请在环境变量 {variable} 或系统密钥环中设置密码）；本地数据未做任何修改。",
    "The CalDAV server {url} did not answer within {seconds} seconds; nothing was changed locally. "
    "Publish again later to complete the mirror.":
        "CalDAV 服务器 {url} 在 {seconds} 秒内没有响应；本地数据未做任何修改。请稍后再次发布以完成同步。",
    "Cannot reach the CalDAV server {url} ({reason}); nothing was changed locally. "
    "Publish again later to complete the mirror.":
        "无法连接 CalDAV 服务器 {url}（{reason}）；本地数据未做任何修改。请稍后再次发布以完成同步。",
    "The CalDAV server {url} reported an error: {reason}; nothing was changed locally. "
    "Publish again later to complete the mirror.":
        "CalDAV 服务器 {url} 报告错误：{reason}；本地数据未做任何修改。请稍后再次发布以完成同步。",
    "{folder}: {written} file(s) written, {unchanged} unchanged, {removed} removed":
        "{folder}：写入 {written} 个文件，{unchanged} 个未变，删除 {removed} 个",
    "Nothing to publish to: give --folder DIR or --caldav URL, or set the export folder or CalDAV server "
    "in the settings.":
        "没有发布目标：请指定 --folder DIR 或 --caldav URL，或在设置中填写导出文件夹或 CalDAV 服务器。",
    "{url}: {created} event(s) created, {updated} updated, {removed} removed, {unchanged} unchanged; "
    "{calendars} calendar(s) created":
        "{url}：新建 {created} 个日程，更新 {updated} 个，删除 {removed} 个，{unchanged} 个未变；新建日历 {calendars} 个",
})
ZH_CN.update({  # --- printing (desktop_app/printing, `print` command)
    "Unknown project {code!r}; nothing was printed.": "项目编号“{code}”不存在，未打印任何内容。",
    "Project {code} ({name}) has no scheduled visit yet; schedule it before printing its notice. "
    "Nothing was printed.":
        "项目 {code}（{name}）尚未安排现场验收，请先排期再打印告知书。未打印任何内容。",
    "The date range ends ({last}) before it starts ({first}); nothing was printed.":
        "日期范围的结束日期（{last}）早于开始日期（{first}），未打印任何内容。",
    "No scheduled visit from {first} to {last}; nothing was printed.":
        "{first} 至 {last} 没有已安排的现场验收，未打印任何内容。",
    "Unknown department {code!r}; nothing was printed.": "部门编码“{code}”不存在，未打印任何内容。",
    "The bundled font {path} cannot be loaded; reinstall the program.":
        "无法加载随程序提供的字体 {path}，请重新安装本程序。",
    "The bundled font {family} is missing from {folder}; reinstall the program.":
        "{folder} 中缺少随程序提供的字体 {family}，请重新安装本程序。",
    "Cannot write {path}; nothing was printed.": "无法写入 {path}，未打印任何内容。",
    "{path} is a folder; give a file name such as notice.pdf.": "{path} 是文件夹，请给出文件名，例如 notice.pdf。",
    "The folder {folder} does not exist; nothing was printed.": "文件夹 {folder} 不存在，未打印任何内容。",
    "The folder {folder} is read-only; nothing was printed.": "文件夹 {folder} 只读，未打印任何内容。",
    "Cannot write to the folder {folder} ({reason}); nothing was printed.":
        "无法写入文件夹 {folder}（{reason}），未打印任何内容。",
    "Cannot write {path}: {reason}. Nothing was printed; a file of that name was left as it was.":
        "无法写入 {path}：{reason}。未打印任何内容；同名的原有文件保持不变。",
    "the file on disk is incomplete": "写入磁盘的文件不完整",
    "the file is open in another program; close it and print again": "文件正被其他程序打开，请关闭后重新打印",
    "The file {path} is read-only; nothing was printed.": "文件 {path} 只读，未打印任何内容。",
    "There is nothing to print.": "没有可打印的内容。",
    "Give either one output file or one output folder.": "请只指定一个输出文件或一个输出文件夹。",
    "print notice: give either PROJECT or both --from DATE and --to DATE.":
        "print notice：请给出项目编号，或同时给出 --from 日期 和 --to 日期。",
    "print notice: --out-dir is for a date range; use --out for one project.":
        "print notice：--out-dir 用于按日期范围批量打印；单个项目请用 --out。",
    "Printed {documents} document(s), {pages} page(s): {where}": "已打印 {documents} 份文件，共 {pages} 页：{where}",
})
ZH_CN.update({  # --- scheduler (candidates, explain, scheduler)
    "the request lists no acceptance items": "该申请未列出任何验收事项",
    "its deadline {deadline} is before its ready date {ready}": "验收期限 {deadline} 早于具备验收条件日期 {ready}",
    "There are no departments yet, so nothing can be scheduled; import a dataset or add departments first.":
        "尚无任何部门，无法排期；请先导入数据集或添加部门。",
    "item {item} belongs to unknown department {department!r}": "验收事项 {item} 所属部门“{department}”不存在",
    "{department} has no office hours at all, so it can never attend": "{department} 没有任何办公时间，无法参加验收",
    "{department} takes no visits (its daily capacity is 0)": "{department} 暂不接受现场验收（每日容量为 0）",
    "Scheduled with {solver} ({status}): {new} new, {moved} moved, {unchanged} unchanged, "
    "{unscheduled} unscheduled, {late} late.":
        "排期完成（{solver}，{status}）：新增 {new} 场，调整 {moved} 场，未变 {unchanged} 场，"
        "未能排期 {unscheduled} 件，超期 {late} 件。",
    "Joint rate {joint:.0%}; trips {joint_trips} instead of {separate} ({saved:.1f}% fewer); "
    "department trips {department_trips}; mean wait {wait:.1f} working days; late {late}.":
        "联合验收率 {joint:.0%}；跑腿 {joint_trips} 次（分散验收需 {separate} 次，减少 {saved:.1f}%）；"
        "部门出车 {department_trips} 趟；平均等待 {wait:.1f} 个工作日；超期 {late} 件。",
    "Best solution within the time limit; it is at most {gap:.2%} from the optimum.":
        "这是时限内找到的最佳方案，与最优方案的差距不超过 {gap:.2%}。",
    "new": "新增",
    "moved": "调整",
    " (late)": "（超期）",
    "  not scheduled: {project}": "  未能排期：{project}",
    "  late: {project}": "  超期：{project}",
    "{department} is not free: {reasons}": "{department} 没有空闲：{reasons}",
    "Holidays in the window: {holidays}": "期间的法定节假日：{holidays}",
    "{department} needs {minutes} minutes to travel between this visit and the visit of {project} "
    "at {place} ({when})":
        "{department} 需要 {minutes} 分钟往返于本次验收与 {project} 在 {place} 的验收（{when}）之间",
    "{department} already attends {count} visit(s) on {day}, its daily limit: {projects}":
        "{department} 在 {day} 已参加 {count} 场验收，达到每日上限：{projects}",
    "{department} is at the visit of {project} ({when})": "{department} 正在参加 {project} 的验收（{when}）",
    "There is no working day between {first} and {last}.": "{first} 至 {last} 之间没有工作日。",
    "No joint visit of {minutes} minutes fits between {first} and {last}:":
        "{first} 至 {last} 之间排不下一场 {minutes} 分钟的联合验收：",
    "Without {department}, a joint visit would be possible on {day}; the bureau could arrange a separate "
    "visit for {department}.":
        "如果没有 {department}，{day} 即可联合验收；可为 {department} 另行安排单独验收。",
    "Each department is free on some of these days, but never all at the same time for {minutes} minutes.":
        "各部门在这些日子里各有空闲，但从未同时空出 {minutes} 分钟。",
    "Its deadline {deadline} passed before {first}, the first day departments can be given notice for; "
    "the earliest joint visit possible is {day}.":
        "验收期限 {deadline} 早于可提前通知各部门的最早日期 {first}；最早可在 {day} 联合验收。",
    "The earliest day all departments are free together is {day}, after the deadline {deadline}:":
        "各部门最早在 {day} 才能同时到场，晚于验收期限 {deadline}：",
    "All departments are free together from {day}, but the possible times up to {last} are taken:":
        "各部门自 {day} 起可同时到场，但截至 {last} 的可选时间都已被占用：",
    "The locked visit of {project} on {when} clashes with {department}: {what}. It stays where it is; "
    "please settle it with the department.":
        "{project} 已锁定的验收（{when}）与 {department} 的安排冲突：{what}。该验收保持不变，请与该部门协调。",
    "blocked: {reason}": "停止安排：{reason}",
    "no office hours that day": "当天无办公时间",
    "busy with “{title}”": "有事务“{title}”",
    "needs {minutes} minutes to travel from its office after opening": "上班后需 {minutes} 分钟从单位赶到现场",
    "its office hours are too short for a {minutes}-minute visit": "办公时段不足以安排 {minutes} 分钟的验收",
    "blocked day": "停止安排日",
})
ZH_CN.update({
    # --- what a property's value should look like (calendar_feed)
    "a date or date-time such as 20261201 or 20261201T090000": "日期或日期时间（如 20261201 或 20261201T090000）",
    "a recurrence rule such as FREQ=WEEKLY;BYDAY=MO": "重复规则（如 FREQ=WEEKLY;BYDAY=MO）",
    "a duration such as PT1H30M": "时长（如 PT1H30M）",
    "a period such as 20261201T010000Z/PT1H": "时间段（如 20261201T010000Z/PT1H）",
    "a whole number": "整数",
    "{value!r} is not {expected}": "“{value}”不是有效的{expected}",
    "First run: the demo data was loaded into {path}": "首次运行：演示数据已载入 {path}",
    "the file is open in another program (a web server, a sync tool or a virus scanner); publish again in a moment":
        "文件正被其他程序占用（网页服务器、同步工具或杀毒软件）；请稍后再发布",
    # --- CalDAV password and the system keyring
    "No system keyring is available on this computer: the password was used for this publish only. "
    "Set {variable} to give it without typing.":
        "本机没有可用的系统密钥环：密码只用于本次发布。可设置环境变量 {variable}，以后无需再输入。",
    "The system keyring did not store the password ({reason}); it was used for this publish only.":
        "系统密钥环未能保存密码（{reason}）；密码只用于本次发布。",
    "CalDAV password for {user} at {url}: ": "CalDAV 服务器 {url} 用户 {user} 的密码：",
    "The password is stored in the system keyring.": "密码已保存到系统密钥环。",
    # --- availability: free time, sources, busy-time import (calendar_feed), holiday overrides
    "{count} minutes": "{count} 分钟",
    "{count} hours": "{count} 小时",
    "{count} days": "{count} 天",
    "{department}: {events} events read from {location}; {busy} busy periods stored for {first} – {last}.":
        "{department}：从 {location} 读取 {events} 个事件；已保存 {first} 至 {last} 间的 {busy} 段忙碌时间。",
    "{department}: {events} events read from {location}, {own} of them our own visits (the department subscribes "
    "to our feed), which are not busy time; {busy} busy periods stored for {first} – {last}.":
        "{department}：从 {location} 读取 {events} 个事件，其中 {own} 个是本局自己安排的验收（该部门订阅了本局的日历），"
        "不计为忙碌时间；已保存 {first} 至 {last} 间的 {busy} 段忙碌时间。",
    "{department}: {location} contains no events; accepted, the department has no busy time from this source.":
        "{department}：{location} 中没有任何事件；已接受，该来源不再给该部门带来忙碌时间。",
    "{problem}\nThe last good copy from {fetched} ({age} old) stays in use.":
        "{problem}\n继续使用 {fetched} 获取的上一份有效副本（已有 {age}）。",
    "none": "无",
    "weekend": "周末",
    "holiday": "节假日",
    "busy": "忙碌",
    "outside office hours ({hours})": "非办公时间（办公时间 {hours}）",
    "blocked period {first} – {last} ends before it starts": "停排时段 {first} – {last} 的结束日期早于开始日期",
    "{source}: the text is neither UTF-8 nor GB18030": "{source}：文本编码既不是 UTF-8 也不是 GB18030",
    "{component} {summary!r} (UID {uid})": "{component}“{summary}”（UID {uid}）",
    "{component} {summary!r}": "{component}“{summary}”",
    "{source}: the server sent a web page (HTML), not an iCalendar feed":
        "{source}：服务器返回的是网页（HTML），不是 iCalendar 日历",
    "{source}: the file is empty": "{source}：文件为空",
    "{source}: not an iCalendar file (it should start with BEGIN:VCALENDAR, it starts with {start!r})":
        "{source}：不是 iCalendar 文件（应以 BEGIN:VCALENDAR 开头，实际开头为“{start}”）",
    "{source}: the file is truncated: BEGIN:{component} (line {line}) is never closed":
        "{source}：文件不完整：第 {line} 行的 BEGIN:{component} 没有结束",
    "{source}: no such file": "{source}：文件不存在",
    "{source}: is a folder, not an .ics file": "{source}：这是文件夹，不是 .ics 文件",
    "{source}: cannot read the file: {reason}": "{source}：无法读取文件：{reason}",
    "{source}: the server answered {status} {reason}": "{source}：服务器返回 {status} {reason}",
    "{source}: cannot connect: {reason}": "{source}：无法连接：{reason}",
    "{source}: no answer within {seconds:g} seconds": "{source}：{seconds:g} 秒内没有响应",
    "{source}: this is a web page (HTML), not an iCalendar file": "{source}：这是网页（HTML），不是 iCalendar 文件",
    "{source}: line {line}: END:{component} does not close an open component":
        "{source}：第 {line} 行：END:{component} 没有对应的 BEGIN",
    "{source}: text after END:VCALENDAR (line {line})": "{source}：END:VCALENDAR 之后还有内容（第 {line} 行）",
    "holiday overrides": "节假日调整",
    "{source}: {date} is given twice with different kinds: {first} ({first_name}) and {second} ({second_name})":
        "{source}：{date} 出现两次且类型不同：{first}（{first_name}）与 {second}（{second_name}）",
    "{source}: {summary!r} on {date} is not an all-day event; a holiday calendar marks whole days":
        "{source}：{date} 的“{summary}”不是全天事件；节假日日历只能标记整天",
    "{source}: {summary!r} repeats (RRULE); list each day of a holiday calendar explicitly":
        "{source}：“{summary}”是重复事件（RRULE）；节假日日历请逐日列出",
    "{source}: cannot tell whether {summary!r} on {date} is a day off or a working day: name it with 休 or 班, "
    "or give CATEGORIES holiday or workday":
        "{source}：无法判断 {date} 的“{summary}”是休息日还是工作日：请在名称中注明“休”或“班”，"
        "或设置 CATEGORIES 为 holiday 或 workday",
    # --- calendar import: sizes, downloads, lines and events (issue 13)
    "{source}: the file is {size} bytes ({size_mb} MB), more than the {limit} bytes ({limit_mb} MB) a calendar may "
    "have; it was not read.":
        "{source}：文件大小为 {size} 字节（{size_mb} MB），超过日历文件上限 {limit} 字节（{limit_mb} MB），未读取。",
    "{source}: the compressed calendar unpacks to more than the {limit} bytes ({limit_mb} MB) a calendar may have; "
    "it was not read.":
        "{source}：压缩的日历解压后超过 {limit} 字节（{limit_mb} MB），超出日历文件上限，未读取。",
    "{source}: the file is compressed (gzip) but damaged; it was not read.":
        "{source}：文件是 gzip 压缩格式，但已损坏，未读取。",
    "{source}: the server compressed the calendar as {encoding!r}, which cannot be read":
        "{source}：服务器以“{encoding}”方式压缩日历，无法读取",
    "{source}: the server's answer broke off or is not HTTP": "{source}：服务器的应答中断，或不是 HTTP 应答",
    "{source}: not a valid iCalendar file": "{source}：不是有效的 iCalendar 文件",
    "{source}: more than {limit} events repeat or change other events; the calendar was not imported":
        "{source}：重复事件及其例外超过 {limit} 个，日历未导入",
    "{source}: more than {limit} events need the full iCalendar rules (changed occurrences of a series, time zones "
    "the file defines); the calendar was not imported":
        "{source}：需要完整 iCalendar 规则处理的事件（重复事件中改动过的日期、文件自定义时区的事件）超过 {limit} 个，日历未导入",
    "{source}: the events repeat more than {limit} times between {first} and {last}; this is not a department's "
    "calendar, and it was not imported":
        "{source}：{first} 至 {last} 间的事件重复超过 {limit} 次，这不是部门的日程，日历未导入",
    "{source}: the events use more than {limit} time zones defined in the file; the calendar was not imported":
        "{source}：事件使用了超过 {limit} 个文件自定义的时区，日历未导入",
    "{source}, line {line}: {component}: property {property} cannot be read: {problem}":
        "{source} 第 {line} 行：{component}：无法读取属性 {property}：{problem}",
    "{source}, line {line}: {component}: property {property} cannot be read":
        "{source} 第 {line} 行：{component}：无法读取属性 {property}",
    "{source}, line {line}: {component}: its dates cannot be computed":
        "{source} 第 {line} 行：{component}：无法计算其日期",
    "{source}, line {line}: {component}: unknown time zone TZID={tzid!r} in {property} and no VTIMEZONE defines it":
        "{source} 第 {line} 行：{component}：{property} 使用了未知时区 TZID=“{tzid}”，且文件中没有定义它的 VTIMEZONE",
    "{source}, line {line}: CALSCALE:{value} is not supported; only Gregorian calendars can be read":
        "{source} 第 {line} 行：不支持 CALSCALE:{value}，只能读取公历日历",
    "{source}, line {line}: unknown time zone X-WR-TIMEZONE:{tzid}":
        "{source} 第 {line} 行：未知的时区 X-WR-TIMEZONE:{tzid}",
    "{value!r} cannot be read": "无法读取“{value}”",
    "{source}: computing its repeating events takes more than {seconds:g} seconds; the calendar was not imported":
        "{source}：计算其重复事件需要超过 {seconds:g} 秒，日历未导入",
    "line {line} (UID {uid}): {reason}": "第 {line} 行（UID {uid}）：{reason}",
    "line {line}: {reason}": "第 {line} 行：{reason}",
    "; ": "；",
    "and {count} more": "另有 {count} 条",
    "{count} events skipped: {details}": "跳过 {count} 个事件：{details}",
    "{count} warnings: {details}": "{count} 条警告：{details}",
    "it ends before it starts (DTEND is before DTSTART)": "结束时间早于开始时间（DTEND 早于 DTSTART）",
    "it ends before it starts (the DURATION is negative)": "结束时间早于开始时间（DURATION 为负）",
    "it has no DTSTART": "缺少开始时间 DTSTART",
    "the UID was already used by the event on line {line}": "UID 已被第 {line} 行的事件使用",
    "the line is not a property (NAME:value); it is ignored": "该行不是属性行（名称:值），已忽略",
    "this line and {count} more of the event are not properties (NAME:value); they are ignored":
        "该行及该事件的另外 {count} 行不是属性行（名称:值），已忽略",
    "{property} is given {count} times; the first value (line {line}) is used":
        "{property} 出现了 {count} 次，只采用第一个值（第 {line} 行）",
    "its RRULE matches too few dates to search the whole planning window; only its occurrences until {date} are used":
        "其重复规则（RRULE）匹配的日期太少，无法在整个排期窗口内查找；只采用 {date} 及之前的部分",
    "both DTEND and DURATION are given; DTEND is used": "同时给出了 DTEND 和 DURATION，采用 DTEND",
    "EXRULE is not supported; the occurrences it would exclude count as busy":
        "不支持 EXRULE，它要排除的日期仍按忙碌计算",
    "{property};VALUE={kind} is not supported; the line is ignored": "不支持 {property};VALUE={kind}，该行已忽略",
    "{property} value {value!r} is not a date, date-time or period; it is ignored":
        "{property} 的值“{value}”不是日期、日期时间或时间段，已忽略",
    "{property} lists more than {limit} dates; only the first {limit} are used":
        "{property} 列出的日期超过 {limit} 个，只采用前 {limit} 个",
    "FREEBUSY value {value!r} is not a period; it is ignored": "FREEBUSY 的值“{value}”不是时间段，已忽略",
    "SEQUENCE {value!r} is not a whole number; it is ignored": "SEQUENCE 的值“{value}”不是整数，已忽略",
    "the time zone {tzid!r} cannot be read; it is ignored": "无法读取时区“{tzid}”，已忽略",
    "the series repeats more than {limit} times in the planning window; only its occurrences until {date} are used":
        "该重复事件在排期窗口内重复超过 {limit} 次，只采用 {date} 及之前的部分",
    # --- availability: command line
    "--holidays takes only the .ics file (and --complete-year)": "--holidays 只接受 .ics 文件（及 --complete-year）",
    "{count} holiday overrides stored from {source}": "已从 {source} 保存 {count} 条节假日调整",
    "--complete-year goes with --holidays FILE.ics": "--complete-year 需与 --holidays FILE.ics 一起使用",
    "--refresh takes at most a department, not a source": "--refresh 最多接受一个部门编码，不接受来源",
    "{department}: {location}, {events} events, refreshed {fetched} ({age} ago)":
        "{department}：{location}，{events} 个事件，更新于 {fetched}（{age}前）",
    "No busy-time sources yet: joint-acceptance availability DEPARTMENT FILE_OR_URL":
        "尚无忙碌时间来源：joint-acceptance availability 部门编码 文件或网址",
})

# --- conflicts of stored visits (issue 8, calendar and dashboard)
ZH_CN.update({
    "{department}: {what} ({start}–{end})": "{department}：{what}（{start}–{end}）",
    "non-working day: {reason}": "非工作日：{reason}",
    "busy: {reason}": "另有安排：{reason}",
    "blocked day: {reason}": "停止安排：{reason}",
    "Visit {visit} of {project} on {date}: the departments are no longer all free":
        "{date} {project} 的现场验收（编号 {visit}）：参加部门已不能全部到场",
    "No conflicts: every planned or published visit from {date} on still fits its departments' time.":
        "无冲突：自 {date} 起所有已排期和已发布的现场验收仍在各部门的可用时间内。",
})

# --- exact undo of visit changes (issue 8, GUI part B)
ZH_CN.update({
    "visit {id}": "现场验收（编号 {id}）",
})

# --- manual moves checked by the core (issue 4, second round)
ZH_CN.update({
    "{department} is no longer a known department": "{department} 已不是登记的部门",
    "{day} is not a working day ({reason})": "{day} 不是工作日（{reason}）",
    "{department} is busy with “{title}” ({when})": "{department} 另有安排“{title}”（{when}）",
    "{department} is blocked that day: {reason}": "{department} 当天停止安排：{reason}",
    "{department} is not in office from {when}: {reason}": "{department} 在 {when} 不在办公时间：{reason}",
    "{department} opens at {opens} and needs {minutes} minutes to travel from its office to {place}":
        "{department} {opens} 上班，从单位到 {place} 需要 {minutes} 分钟路程",
    "Visits start on the {minutes}-minute grid.": "现场验收须按 {minutes} 分钟的整点间隔开始。",
    "Departments must be told at least {days} working day(s) ahead: the earliest day is {day}.":
        "须至少提前 {days} 个工作日通知各部门：最早可安排在 {day}。",
    "The project is ready for acceptance only from {day}.": "该项目自 {day} 起才具备验收条件。",
    "The visit would run past midnight.": "现场验收将跨过午夜。",
    "There is no visit {id} to move (it was deleted or cancelled).": "没有可调整的现场验收 {id}（已删除或已取消）。",
    "The visit of {project} has already taken place.": "{project} 的现场验收已经完成。",
    "The visit of {project} is locked; unlock it first if it really has to move.":
        "{project} 的现场验收已锁定；确需调整请先解锁。",
    "The visit of {project} is before {day}, the first day departments can still be given notice for; "
    "it stays where it is.":
        "{project} 的现场验收早于 {day}（仍来得及通知各部门的第一天），保持不变。",
    "{day} is outside the loaded planning window {first} – {last}.": "{day} 不在已载入的排期范围 {first} – {last} 内。",
    "Visit {id} cannot move to {when}: {reasons}": "现场验收 {id} 不能调整到 {when}：{reasons}",
    "Visit {id} {verb} {when}{late}.": "现场验收 {id} {verb} {when}{late}。",
    "may move to": "可以调整到",
    "moved to": "已调整到",
    " (after its deadline)": "（超过办理时限）",
})
ZH_CN.update({
    # --- visit actions (core/visit_actions.py, cli/visit_commands.py)
    "There is no visit {id}.": "没有编号为 {id} 的现场验收。",
    "The visit changed meanwhile; nothing was changed.": "该现场验收已被其他窗口修改，未做任何更改。",
    "This visit was cancelled.": "该现场验收已取消。",
    "This visit has already taken place.": "该现场验收已经进行。",
    "This visit is locked. Unlock it first if it really has to move.": "该现场验收已锁定。确需调整，请先解除锁定。",
    "This visit is before {date}, the first day departments can still be given notice for; "
    "it stays where it is.": "该现场验收早于 {date}（仍可提前通知各部门的最早日期），保持不变。",
    "Another visit of this project is locked or already under way, so this one stays too.":
        "该项目的另一场现场验收已锁定或正在进行，本场也保持不变。",
    "This request cannot be scheduled: {reasons}": "该申请无法排期：{reasons}",
    "This project has a split visit; run the auto-schedule to move it.": "该项目的验收已拆分为多场，请通过自动排期调整。",
    "{count} visit(s) locked.": "已锁定 {count} 场现场验收。",
    "{count} visit(s) unlocked.": "已解除锁定 {count} 场现场验收。",
    "{count} visit(s) cancelled.": "已取消 {count} 场现场验收。",
    "{count} visit(s) marked published.": "已将 {count} 场现场验收标记为已发布。",
    "Visit {id} cannot move: {reason}": "现场验收 {id} 无法调整：{reason}",
    "Visit {id} ({project}) may move to:": "现场验收 {id}（{project}）可调整到：",
    "  {when}  {place}  {trips}{preference}": "  {when}  {place}  {trips}{preference}",
    "no new department trip": "不增加部门出车",
    "{count} new department trip(s)": "新增部门出车 {count} 趟",
    ", late": "，超期",
    ", preferred half-day": "，符合时段偏好",
    "Not possible (tempting but blocked):": "不可选的时间（已被占用或不可用）：",
    "No other time is possible.": "没有其他可选时间。",
    "{id}  {project}  {when}  {place}  {departments}  {status}{locked}": "{id}  {project}  {when}  {place}  {departments}  {status}{locked}",
    " (locked)": "（已锁定）",
    "planned": "已排期未发布",
    "published": "已发布",
    "done": "已进行",
    "cancelled": "已取消",
})
ZH_CN.update({"Name at least one visit (VISIT_ID); `visit list` shows them.":
              "请至少指定一场现场验收（VISIT_ID）；`visit list` 可列出全部。"})
ZH_CN.update({  # --- schedule_process: the auto-schedule's child process
    "The database {path} does not exist (any more); nothing was scheduled.":
        "数据库 {path} 不存在（或已被移走），未进行排期。",
    "The scheduling process ended unexpectedly (exit code {code}); nothing was changed.":
        "排期进程意外退出（退出码 {code}），未做任何修改。",
})
ZH_CN.update({
    # --- cli.py `department` and `settings`
    "`department block` needs FIRST_DAY [LAST_DAY] [REASON].": "`department block` 需要 起始日期 [结束日期] [原因]。",
    "{department} blocked {first} – {last}.": "{department} 已设为暂停接待：{first} – {last}。",
    "{count} blocked period(s) removed.": "已删除 {count} 段暂停接待。",
    "`department hours` needs STARTS_ON and the office hours text.": "`department hours` 需要 启用日期 和 办公时间。",
    "{department}: office hours {hours} from {date}.": "{department}：自 {date} 起办公时间为 {hours}。",
    "{department} has no seasonal office hours starting on {date}.": "{department} 没有自 {date} 起的季节性办公时间。",
    "blocked {first} – {last}: {reason}": "暂停接待 {first} – {last}：{reason}",
    "from {date}: {hours}": "自 {date} 起：{hours}",
    "Unknown setting {key!r}; `settings` lists them.": "未知的设置项“{key}”；`settings` 可列出全部。",
    "Bad value {value!r} for {key}.": "设置项 {key} 的值“{value}”有误。",
    "Bad value {value!r} for {key}: {problem}": "设置项 {key} 的值“{value}”有误：{problem}",
    "The opinion number must contain {number}, where each opinion's sequence number goes "
    "(e.g. 济经开联验〔{year}〕第 {number} 号); not saved.":
        "意见书文号必须包含 {number}（意见书的序号所在位置，例如 济经开联验〔{year}〕第 {number} 号）；未保存。",
    "Only {year} and {number} may stand in braces in the opinion number; not saved.":
        "意见书文号的花括号中只能是 {year} 或 {number}；未保存。",
    "Bad value {value!r} for {key}: use a whole number from {minimum} to {maximum}.":
        "设置项 {key} 的值“{value}”有误：请填写 {minimum} 到 {maximum} 之间的整数。",
    "Unknown time zone {value!r} (e.g. Asia/Shanghai).": "未知的时区“{value}”（例如 Asia/Shanghai）。",
    "{key} = {value}": "{key} = {value}",
})
ZH_CN.update({"{department}: seasonal office hours from {date} removed.": "{department}：已删除自 {date} 起的季节性办公时间。"})
ZH_CN.update({"There is no {kind} {code!r}.": "没有编码为“{code}”的{kind}。", "{code} deleted.": "已删除 {code}。"})
ZH_CN.update({"request": "验收申请", "department": "部门", "item": "验收事项", "place": "地点"})
ZH_CN.update({  # --- after the visit (desktop_app/core/acceptance, `visit record`, `request`)
    "passed": "通过", "rectification needed": "需整改", "failed": "不通过", "department absent": "部门未到场",
    "owner not ready": "建设单位未准备就绪",
    "waiting": "待排期", "scheduled": "已排期", "rectifying": "整改中", "accepted": "已通过", "not passed": "未通过",
    "withdrawn": "已撤回",
    "the status {status!r} follows only from recorded results; it cannot be set by hand":
        "状态“{status}”只能由录入的验收结果确定，不能手工设置",
    "There is no visit {id}.": "没有编号为 {id} 的现场验收。",
    "Visit {id} was cancelled; it has no results.": "现场验收 {id} 已取消，无验收结果。",
    "Visit {id} starts at {start}; its results can be recorded once it has begun.":
        "现场验收 {id} 于 {start} 开始，开始后才能录入验收结果。",
    "Request {code} is already {status}; no more results can be recorded for it.":
        "验收申请 {code} 当前为{status}，不能再录入验收结果。",
    "No result was given for visit {id}.": "没有给出现场验收 {id} 的任何结果。",
    "Department {department} is not at visit {id} (its departments: {departments}).":
        "部门 {department} 不在现场验收 {id} 中（参加部门：{departments}）。",
    "Department {department} is given twice for visit {id}.": "现场验收 {id} 中部门 {department} 出现了两次。",
    "Visit {id} already has the result of department {department} ({opinion}); a correction is recorded by "
    "undoing it first.": "现场验收 {id} 已录入部门 {department} 的结果（{opinion}）；如需更正，请先撤销。",
    "Department {department}: rectification needs at least one finding.": "部门 {department}：需整改时至少填写一条整改意见。",
    "Department {department}: give the reason the visit did not pass.": "部门 {department}：请填写不通过的理由。",
    "Department {department}: a finding has no text.": "部门 {department}：有一条整改意见没有内容。",
    "Department {department}: item {item} is not one of its items at visit {id}.":
        "部门 {department}：验收事项 {item} 不是其在现场验收 {id} 中负责的事项。",
    "Request {code} has changed since these results were recorded; they can no longer be undone.":
        "录入这些结果后验收申请 {code} 已有变化，无法再撤销。",
    "Visit {id} took place (its results are recorded); it cannot be cancelled.":
        "现场验收 {id} 已进行（已录入结果），不能取消。",
    "There is no request {code}.": "没有编码为 {code} 的验收申请。",
    "Request {code} is {status}, not rectifying; there is nothing to report fixed.":
        "验收申请 {code} 当前为{status}，不在整改中，无需报告整改完成。",
    "Request {code} is rectifying, but no department it still needs has an open finding (its items were "
    "changed); there is nothing to report fixed. Check the request's items.":
        "验收申请 {code} 处于整改中，但其所需的部门均无未整改的问题（验收事项已被修改），无需报告整改完成。请检查该申请的验收事项。",
    "Request {code} is rectifying, but no department it still needs has an open finding (its items were "
    "changed); there is no rectification notice to print. Check the request's items.":
        "验收申请 {code} 处于整改中，但其所需的部门均无未整改的问题（验收事项已被修改），没有可打印的整改通知书。请检查该申请的验收事项。",
    "The report date {date} is in the future.": "报告日期 {date} 晚于今天。",
    "The report date {date} is before the visit that found the problems ({found}).":
        "报告日期 {date} 早于发现问题的现场验收（{found}）。",
    "The rectification period of request {code} ended on {deadline}; a report on {date} is too late, the owner must "
    "apply again.": "验收申请 {code} 的整改期限已于 {deadline} 届满，{date} 报告整改完成已逾期，建设单位须重新申请。",
    "Request {code} has changed since the report was recorded; it can no longer be undone.":
        "登记整改完成后验收申请 {code} 已有变化，无法再撤销。",
    "Request {code} is {status}, not rectifying; there is no rectification notice.":
        "验收申请 {code} 当前为{status}，不在整改中，无整改通知书。",
    "Request {code} is {status}; the joint acceptance opinion is issued only once every department has passed.":
        "验收申请 {code} 当前为{status}；各部门均通过后才能出具联合验收意见书。",
    "Visit {visit} scheduled: {start} at {place} ({departments})": "现场验收 {visit} 已排期：{start}，{place}（{departments}）",
    "Visit {visit} moved from {before} to {start}": "现场验收 {visit} 由 {before} 调整至 {start}",
    "Visit {visit} cancelled": "现场验收 {visit} 已取消",
    "Visit {visit} published to the departments": "现场验收 {visit} 已发布给各部门",
    "Visit {visit} locked": "现场验收 {visit} 已锁定",
    "Visit {visit} unlocked": "现场验收 {visit} 已解除锁定",
    "Result of {department} at visit {visit}: {opinion}": "{department} 在现场验收 {visit} 的意见：{opinion}",
    " ({count} findings: {findings})": "（{count} 条整改意见：{findings}）",
    "Results of visit {visit} withdrawn (undo)": "已撤销现场验收 {visit} 的验收结果",
    "Request now {status}": "申请状态变为：{status}",
    "Owner reported the findings fixed on {date}; re-inspection round {round} due by {deadline}":
        "建设单位于 {date} 报告整改完成；第 {round} 轮复验限 {deadline} 前完成",
    "Rectification report withdrawn (undo)": "已撤销整改完成登记",
    "Joint acceptance opinion issued: {number}": "已出具联合验收意见书：{number}",
    # cli/request_commands.py, cli/confirmation_commands.py
    "`visit record` takes one VISIT_ID.": "`visit record` 只接受一个现场验收编号。",
    "Every department of visit {id} already has a result.": "现场验收 {id} 的各部门均已录入结果。",
    "`visit record` needs --all-passed, or --department CODE with its opinion (--passed, --rectify TEXT, --failed "
    "REASON, --absent or --not-ready).": "`visit record` 需要 --all-passed，或 --department 部门编码 及其意见"
    "（--passed、--rectify 整改意见、--failed 理由、--absent 或 --not-ready）。",
    "{option} {value!r} comes before any --rectify: give it after the finding it belongs to (--rectify TEXT --item "
    "ITEM --attachment PATH).":
        "{option}“{value}”写在了所有 --rectify 之前：请写在它所属的整改意见之后（--rectify 整改意见 --item 事项 "
        "--attachment 文件）。",
    "The finding {text!r} has {count} {option} options; give at most one --item and one --attachment after each "
    "--rectify.":
        "整改意见“{text}”后有 {count} 个 {option}；每条 --rectify 之后最多写一个 --item 和一个 --attachment。",
    "--item and --attachment belong to a --rectify finding.": "--item 和 --attachment 只能用于 --rectify 整改意见。",
    "{department}: {opinion}": "{department}：{opinion}",
    "Request {code}: {status}.": "验收申请 {code}：{status}。",
    "`request rectified` needs the date the owner reported the fixes (YYYY-MM-DD).":
        "`request rectified` 需要建设单位报告整改完成的日期（YYYY-MM-DD）。",
    "Request {code}: re-inspection round {round} of {departments}, due by {deadline}.":
        "验收申请 {code}：第 {round} 轮复验，复验部门 {departments}，限 {deadline} 前完成。",
    # printing/signing.py and `print rectification|opinion`
    "No signing certificate is set; name the bureau's PKCS#12 file with `joint-acceptance settings "
    "signing_certificate FILE.p12`. Nothing was printed.":
        "尚未设置签章证书；请用 `joint-acceptance settings signing_certificate 证书文件.p12` 指定本局的 PKCS#12 "
        "证书文件。未打印任何文件。",
    "The signing certificate {path} does not exist; nothing was printed.": "签章证书 {path} 不存在，未打印任何文件。",
    "No system keyring is available on this computer: the password was used for this signature only. Set "
    "{variable} to give it without typing.":
        "本机没有可用的系统密钥环：密码仅用于本次签章。可设置环境变量 {variable} 免去每次输入。",
    "The system keyring did not store the password ({reason}); it was used for this signature only.":
        "系统密钥环未能保存密码（{reason}），密码仅用于本次签章。",
    "Cannot read the signing certificate {path} ({reason}); nothing was printed.":
        "无法读取签章证书 {path}（{reason}），未打印任何文件。",
    "The signing certificate {path} needs its password: give --ask-password, set {variable}, or store it in the "
    "system keyring (--ask-password --remember-password). Nothing was printed.":
        "签章证书 {path} 需要密码：请使用 --ask-password 输入，或设置环境变量 {variable}，或保存到系统密钥环"
        "（--ask-password --remember-password）。未打印任何文件。",
    "The signing certificate {path} cannot be opened: the password is wrong, or the file is not a PKCS#12 "
    "(.p12/.pfx) file. Nothing was printed.":
        "无法打开签章证书 {path}：密码错误，或该文件不是 PKCS#12（.p12/.pfx）证书文件。未打印任何文件。",
    "The signing certificate {path} holds no private key and certificate; export it again with its key. Nothing "
    "was printed.": "签章证书 {path} 中没有私钥和证书，请连同私钥重新导出。未打印任何文件。",
    "The signing certificate {path} ({subject}) expired on {date}; renew it before signing. Nothing was printed.":
        "签章证书 {path}（{subject}）已于 {date} 过期，请更新证书后再签章。未打印任何文件。",
    "The signing certificate {path} ({subject}) is valid only from {date}; nothing was printed.":
        "签章证书 {path}（{subject}）自 {date} 起才生效，未打印任何文件。",
    "Signing with {path} failed ({reason}); nothing was printed.": "使用 {path} 签章失败（{reason}），未打印任何文件。",
    "--ask-password and --remember-password go with --sign.": "--ask-password 和 --remember-password 须与 --sign 一起使用。",
    "Password of the signing certificate {path}: ": "签章证书 {path} 的密码：",
    "Printed {number}: {where}": "已打印 {number}：{where}",
    "Signed {number} with the certificate of {subject}: {where}": "已用 {subject} 的证书签章 {number}：{where}",
})
ZH_CN.update({  # --- dataset: the projects' optional details for the joint acceptance opinion
    "bad floor area {value!r} (square metres, e.g. 12850.5)": "建筑面积“{value}”有误（单位平方米，例如 12850.5）",
})
ZH_CN.update({  # --- results import (desktop_app/core/dataset/results_import.py, `results import`)
    "{path} is neither a .csv file nor an .xlsx workbook": "{path} 既不是 .csv 文件，也不是 .xlsx 工作簿",
    "bad visit number {value!r}": "现场验收编号“{value}”有误",
    "the department is missing": "缺少部门",
    "unknown opinion {value!r} (use 通过, 需整改, 不通过, 未到场 or 未准备)":
        "未知的验收意见“{value}”（应为 通过、需整改、不通过、未到场 或 未准备）",
    "more items or attachments than findings": "验收事项或附件多于整改意见",
    "{file}: the file has no results": "{file}：文件中没有验收结果",
    "{results} results recorded for {visits} visits.": "已录入 {visits} 场现场验收的 {results} 条验收结果。",
})
ZH_CN.update({  # --- data safety (issue 13): concurrent writers, foreign files, double bookings
    "Another window or command is writing to the database {path}; waited {seconds:g} s for it. "
    "Try again when it has finished.":
        "另一个窗口或命令正在写入数据库 {path}，已等待 {seconds:g} 秒。请等它完成后再试。",
    "{path} is a SQLite database of another program, not of this one; it was not opened and nothing was "
    "changed. Choose another file (--db PATH).":
        "{path} 是其他程序的 SQLite 数据库，不是本程序的；未打开、未做任何修改。请选择其他文件（--db PATH）。",
    "The schedule changed while planning (another window or command wrote to the database); nothing was "
    "saved. Run again.":
        "排期计算期间排期数据已被修改（另一个窗口或命令写入了数据库），本次结果未保存。请重新排期。",
    "Visit {id} was changed elsewhere (another window or command) since it was shown; nothing was moved.":
        "现场验收（编号 {id}）在显示之后已被其他窗口或命令修改，未做调整。",
    "The database changed since this import was checked (another window or command wrote to it); nothing "
    "was imported. Import again.":
        "检查导入数据之后数据库已被修改（另一个窗口或命令写入了数据库），未导入任何数据。请重新导入。",
    "{count} visits on {day}, more than its daily limit of {limit}: {projects}":
        "{day} 有 {count} 场验收，超过每日上限 {limit} 场：{projects}",
    "also booked at the visit of {project} ({when})": "同时安排在 {project} 的验收（{when}）",
    "needs {minutes} minutes to travel between this visit and the visit of {project} at {place} ({when})":
        "需要 {minutes} 分钟往返于本次验收与 {project} 在 {place} 的验收（{when}）之间",
})
ZH_CN.update({
    # --- a city of bureaus (DESIGN §12)
    "{bureau} — {department}: {url}": "{bureau} — {department}：{url}",
    "--due goes with --refresh": "--due 须与 --refresh 一起使用",
    " (no city department {code} here: not attached)": "（本局没有代码为 {code} 的市级部门，未关联）",
    "No other bureau's department calendars are readable by this account on the city server.":
        "市级日历服务器上没有本账号可读取的其他审批局部门日历。",
    "{count} visit(s) not published: another bureau's visit of a shared department was there first; move them "
    "(visit slots VISIT_ID lists the free times):":
        "{count} 场验收未发布：共用部门已先有其他审批局的验收，请调整时间（visit slots 验收编号 可列出空闲时段）：",
    "visit {id} of {project}: {reason}": "{project} 的验收 {id}：{reason}",
    "{source}: the server's answer is not a CalDAV calendar listing (is this the address of a calendar?)":
        "{source}：服务器的答复不是 CalDAV 日历列表（这是日历的地址吗？）",
    "No city CalDAV server is set: set city_server_url (or the CalDAV server of publishing) in the settings.":
        "尚未设置市级 CalDAV 服务器：请在设置中填写 city_server_url（或发布用的 CalDAV 服务器）。",
    "{department} needs {minutes} minutes to travel between this visit and {bureau}'s visit {project} ({when})":
        "{department} 在本场验收与{bureau}的验收 {project}（{when}）之间需要 {minutes} 分钟路程",
    "{department} is at {bureau}'s visit {project} ({when})": "{department} 正在参加{bureau}的验收 {project}（{when}）",
    "this bureau": "本局",
    "{source}: the event {href} is not iCalendar data": "{source}：日程 {href} 不是 iCalendar 数据",
    "{source}: the server refused the user name or password (401); set the password in {variable} or the system "
    "keyring":
        "{source}：服务器拒绝了用户名或密码（401）；请在环境变量 {variable} 或系统密钥环中设置密码",
    "Nothing was published: another bureau's calendar could not be read first, so a double booking could not be "
    "ruled out.\n{problem}":
        "未发布任何内容：无法先读取其他审批局的日历，不能排除重复预约。\n{problem}",
})
ZH_CN.update({
    # --- departments' confirmations 回执 (issue 15 item 5; core/acceptance/confirmations.py, replies.py)
    "awaiting confirmation": "待确认",
    "confirmed": "已确认",
    "declined": "已拒绝",
    "no reply": "未答复",
    "by hand": "人工登记",
    "reply file": "回复文件",
    "calendar server": "日历服务器",
    "accepted the invitation": "已接受",
    "tentative": "暂定",
    "delegated": "已委派",
    "not answered": "未回复",
    "Answer of {department} to visit {visit}: {answer} ({source})":
        "{department} 对验收 {visit} 的回执：{answer}（{source}）",
    "Visit {id} was cancelled; it takes no confirmations.": "验收 {id} 已取消，不再登记回执。",
    "Visit {id} has already taken place; it takes no confirmations.": "验收 {id} 已经举行，不再登记回执。",
    "Visit {id} is not published yet: the departments have not been invited, so there is nothing to confirm.":
        "验收 {id} 尚未发布：还没有邀请各部门，无需确认。",
    "Unknown answer {value!r} (use ACCEPTED, DECLINED, TENTATIVE, DELEGATED or NEEDS-ACTION).":
        "未知的回执“{value}”（应为 ACCEPTED、DECLINED、TENTATIVE、DELEGATED 或 NEEDS-ACTION）。",
})
ZH_CN.update({
    # --- a decline is busy time (core/calendar/availability.py, planning/conflicts.py, planning/explain.py)
    "{department} declined: {reason} ({start}–{end})": "{department} 已拒绝：{reason}（{start}–{end}）",
    "{department} declined ({start}–{end})": "{department} 已拒绝（{start}–{end}）",
    "declined: {reason}": "已拒绝：{reason}",
    "{department} declined: {reason} ({when})": "{department} 已拒绝：{reason}（{when}）",
    "{department} declined ({when})": "{department} 已拒绝（{when}）",
    # the command line: visit confirm / visit confirmations / confirmations import|fetch
    "`visit confirm` takes VISIT_ID DEPARTMENT and one of confirmed, declined, pending.":
        "`visit confirm` 需要 验收编号 部门代码 以及 confirmed、declined、pending 之一。",
    "Visit {visit}, {department}: {state}": "验收 {visit}，{department}：{state}",
    "{id}  {project}  {when}": "{id}  {project}  {when}",
    "No published visits.": "没有已发布的验收。",
})
ZH_CN.update({
    # --- iTIP REPLY files (core/acceptance/replies.py, `confirmations import`)
    "{files} reply file(s) read: {recorded} answer(s) recorded, {unchanged} already recorded.":
        "已读取 {files} 个回复文件：登记 {recorded} 条回执，{unchanged} 条此前已登记。",
    "{file}: UID {uid}, attendee {attendee}: {problem}": "{file}：UID {uid}，参加人 {attendee}：{problem}",
    "{file}: UID {uid}: {problem}": "{file}：UID {uid}：{problem}",
    "{file}: {problem}": "{file}：{problem}",
    "not iCalendar data ({reason})": "不是 iCalendar 数据（{reason}）",
    "METHOD is {method}, not REPLY: this is not a department's answer to an invitation":
        "METHOD 为 {method}，不是 REPLY：这不是部门对邀请的回复",
    "missing": "缺失",
    "the REPLY holds no event (VEVENT)": "回复中没有日程（VEVENT）",
    "an event has no UID": "有日程缺少 UID",
    "the REPLY names no attendee (ATTENDEE)": "回复中没有参加人（ATTENDEE）",
    "SEQUENCE {value!r} is not a number": "SEQUENCE“{value}”不是数字",
    "PARTSTAT {value!r} is missing or unknown (ACCEPTED, DECLINED, TENTATIVE, DELEGATED or NEEDS-ACTION)":
        "PARTSTAT“{value}”缺失或无法识别（应为 ACCEPTED、DECLINED、TENTATIVE、DELEGATED 或 NEEDS-ACTION）",
    "not a visit of this database (不是本库的验收)": "不是本库的验收",
    "visit {id} of {project} was cancelled": "{project} 的验收 {id} 已取消",
    "an attendee that was not invited to visit {id} (未邀请的参加人)": "未邀请的参加人（验收 {id}）",
    "the answer is for an earlier time of this visit (回复的是此验收先前的时间): SEQUENCE {old}, the visit is at "
    "{current} now":
        "回复的是此验收先前的时间：回复的 SEQUENCE 为 {old}，验收现为 {current}",
})
ZH_CN.update({
    "`confirmations import` needs at least one REPLY file.": "`confirmations import` 至少需要一个回复文件。",
})
ZH_CN.update({
    # --- confirmations on the CalDAV server (feeds/publishing.py, `confirmations fetch`)
    "{count} answer(s) of the departments (回执) read from the server.": "从服务器读取到 {count} 条部门回执。",
    "No CalDAV server: give --caldav URL or set the CalDAV server in the settings.":
        "没有 CalDAV 服务器：请用 --caldav URL 指定，或在设置中填写 CalDAV 服务器。",
    "{url}: {count} new answer(s) of the departments (回执) recorded.": "{url}：登记了 {count} 条新的部门回执。",
})
ZH_CN.update({
    # --- project details for the joint acceptance opinion (model/project_details.py)
    "{value!r} is not a project code like {example} (year-area-industry-type-serial)":
        "“{value}”不是项目统一代码的格式，应形如 {example}（年份-行政区划-行业-类型-流水号）",
    "{value} is out of range: the floor area is more than 0 and at most {maximum} square metres":
        "{value} 超出范围：建筑面积应大于 0 且不超过 {maximum} 平方米",
    "{value}: at most {decimals} decimals (square metres, e.g. 12850.5)":
        "{value}：最多保留 {decimals} 位小数（单位平方米，例如 12850.5）",
    "at most {maximum} characters, not {length}": "最多 {maximum} 个字符，现为 {length} 个",
    "{field}: {problem}": "{field}：{problem}",
    "unified project code": "项目统一代码",
    "floor area": "建筑面积",
    "floors": "层数",
    "builder": "施工单位",
    "supervisor": "监理单位",
    "surveyor": "勘察单位",
    "designer": "设计单位",
})
