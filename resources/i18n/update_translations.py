"""Refresh the zh_CN translation: lupdate over desktop_app/ui, fill from ZH_CN below, lrelease.

Run from anywhere: ``python resources/i18n/update_translations.py``. A new source string
without an entry here stays ``unfinished`` and tests/ui/test_translations.py fails, naming it.
Translations already finished in the .ts (e.g. edited in Qt Linguist) are kept.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "joint_acceptance_zh_CN.ts"
QM = HERE / "joint_acceptance_zh_CN.qm"

ZH_CN = {
    "Cannot open the database": "无法打开数据库",
    "First run: the demo data was loaded into {path}": "首次运行：演示数据已载入 {path}",
    "{field} is required": "{field}不能为空",
    "Code": "编码", "Item": "验收事项", "Department": "部门", "Minutes": "时长（分钟）", "Materials": "所需材料",
    "New": "新建", "Edit": "编辑", "Delete": "删除", "Delete item": "删除验收事项",
    "Delete {name}? You can undo this.": "删除“{name}”？此操作可以撤销。",
    "One material per line": "每行一项材料",
    "An item with code {code} already exists": "编码为 {code} 的验收事项已存在",
    "Acceptance item": "验收事项",
    "Default: {minutes} minutes": "默认：{minutes} 分钟",
    "Travel {first} – {second}: {text} is not a whole number of minutes":
        "路程 {first} – {second}：“{text}”不是整数分钟",
    "Place": "地点", "Address": "地址",
    "Travel time in minutes (the same both ways). An empty cell uses the default of {minutes} minutes.":
        "地点之间的路程（分钟，往返相同）。空白单元格按默认 {minutes} 分钟计算。",
    "Delete place": "删除地点",
    "A place with code {code} already exists": "编码为 {code} 的地点已存在",
    "Requests waiting for a visit": "待排期申请",
    "Requests scheduled": "已排期申请",
    "Visits this week": "本周现场验收",
    "Joint acceptance rate": "联合验收率",
    "Fewer trips for the projects": "项目跑腿减少",
    "Department trips": "部门出车趟数",
    "On time": "按期率",
    "Mean wait (working days)": "平均等待（工作日）",
    "{bureau} — {date}": "{bureau} — {date}",
    "{joint} visits instead of {separate} separate ones": "联合验收 {joint} 场，分散验收需 {separate} 场",
    "{departments} departments, {items} acceptance items, {places} places, {overrides} holiday overrides.":
        "部门 {departments} 个，验收事项 {items} 项，地点 {places} 个，节假日调整 {overrides} 条。",
    "Office hours (e.g. 08:30-12:00, 14:00-17:30)": "办公时间（例如 08:30-12:00, 14:00-17:30）",
    "Name": "名称", "Level": "级别", "Base": "驻地", "Contact": "联系人", "Phone": "电话",
    "Visits per day": "每日验收上限", "Office hours": "办公时间",
    "Delete department": "删除部门", "(none)": "（无）",
    "Copy Monday to Tuesday–Friday": "将星期一复制到星期二至星期五",
    "Weekly office hours (the gap between two intervals is the lunch break)":
        "每周办公时间（两个时间段之间的间隔即午休）",
    "A department with code {code} already exists": "编码为 {code} 的部门已存在",
    "Office hours: {problem}": "办公时间：{problem}",
    "New department": "新建部门", "Department {name}": "部门：{name}", "Email": "电子邮箱",
    "City": "市级", "District": "区级",
    "Waiting": "待排期", "Scheduled": "已排期", "Accepted": "已验收", "Withdrawn": "已撤回",
    "Morning": "上午", "Afternoon": "下午", "Any time": "不限",
    "The bureau has entered this year's official schedule (mark the year confirmed)":
        "本局已录入该年度的法定节假日安排（标记为已确认）",
    "Red: statutory holiday · Yellow: make-up working day (调休) · Grey: weekend · Bold: the bureau's override":
        "红色：法定节假日 · 黄色：调休上班 · 灰色：周末 · 粗体：本局调整",
    "Year": "年度", "Month {month}": "{month}月", "Name, e.g. 元旦": "名称，例如 元旦",
    "Day off": "设为休息日", "Working day": "设为工作日", "Use the official calendar": "恢复官方日历",
    "Click a day to change it.": "点击某一天以调整。",
    "working day": "工作日", "day off": "休息日",
    "Places": "地点", "Departments": "部门", "Acceptance items": "验收事项", "Requests": "验收申请",
    "Holidays": "节假日",
    "Import data": "导入数据",
    "A dataset folder, a CSV file or an .xlsx workbook": "数据集文件夹、CSV 文件或 .xlsx 工作簿",
    "File…": "文件…", "Folder…": "文件夹…", "Check": "检查", "Cancel": "取消",
    "Sheet": "数据表", "Changed": "修改", "Unchanged": "未变", "Import": "导入",
    "Data files (*.csv *.xlsx)": "数据文件 (*.csv *.xlsx)",
    "Checking {path}…": "正在检查 {path}…", "Checking import": "正在检查导入数据",
    "Cancelled; nothing was imported.": "已取消，未导入任何内容。",
    "New: {sheet} {code}": "新增：{sheet} {code}", "Changed: {sheet} {code}": "修改：{sheet} {code}",
    "The data is valid: {count} record(s) will be added or changed. Press Import to write them.":
        "数据有效：将新增或修改 {count} 条记录。点击“导入”写入。",
    "{count} problem(s) found; nothing was imported. Fix the rows below and check again.":
        "发现 {count} 处错误，未导入任何内容。请修正以下各行后重新检查。",
    "Importing": "正在导入", "Imported.": "已导入。",
    "Joint Acceptance Scheduler": "联合验收排期",
    "Dashboard": "工作台", "Places and travel": "地点与路程", "Settings": "设置",
    "Main toolbar": "主工具栏", "&File": "文件(&F)", "New database…": "新建数据库…",
    "Open database…": "打开数据库…", "Back up database…": "备份数据库…", "Import data…": "导入数据…",
    "Quit": "退出", "&Edit": "编辑(&E)", "Undo": "撤销", "Redo": "重做", "New request": "新建申请",
    "Find request": "查找申请", "Reload": "刷新", "&View": "视图(&V)", "&Help": "帮助(&H)", "About": "关于",
    "Database file": "数据库文件",
    "Holiday calendar not confirmed for {years}": "{years} 年节假日安排尚未确认",
    "Saved {time}": "已于 {time} 保存", "All changes are saved": "所有修改均已保存",
    "Nothing was changed": "未做任何修改", "New database": "新建数据库",
    "Databases (*.sqlite)": "数据库 (*.sqlite)", "Open database": "打开数据库",
    "Databases (*.sqlite *.db);;All files (*)": "数据库 (*.sqlite *.db);;所有文件 (*)",
    "Back up database": "备份数据库", "Backup written to {path}": "已备份到 {path}",
    "Joint Acceptance Scheduler: one on-site visit by every department a finished construction project needs.\n"
    "Today: {date}": "联合验收排期：竣工项目所需的各部门一次联合现场验收。\n今天：{date}",
    "Edit request {code}": "编辑申请 {code}", "Explicit deadline": "指定期限", "Duration": "时长",
    "Project": "项目", "Owner": "建设单位", "Applied on": "申请日期", "Ready on": "具备验收条件日期",
    "Deadline": "验收期限", "Priority": "优先级", "Preferred time": "时段偏好", "Status": "状态",
    "Computed": "自动计算", "Acceptance items (by level and department)": "验收事项（按层级和部门）",
    "{minutes} min": "{minutes} 分钟",
    "Departments needed ({count}): {names}": "需参加部门（{count} 个）：{names}",
    "Deadline: {date} ({days} working days after the application)": "验收期限：{date}（申请后 {days} 个工作日）",
    "Deadline: {date} (explicit)": "验收期限：{date}（指定）",
    "Items": "验收事项", "Applied": "申请日期", "Late": "已超期", "Scheduled visit": "现场验收时间",
    "Search code, project, owner, place, items…": "搜索编码、项目、建设单位、地点、事项…",
    "Late only": "仅超期", "Duplicate": "复制", "Import…": "导入…",
    "All statuses": "全部状态", "All places": "全部地点", "All departments": "全部部门",
    "{shown} of {total} requests": "显示 {shown} / 共 {total} 件申请",
    "Delete request": "删除申请",
    "Delete the request {code} ({name})? You can undo this.": "删除申请 {code}（{name}）？此操作可以撤销。",
    "Bureau name": "单位名称", "Time zone": "时区", "Start times every": "开始时间间隔", " min": " 分钟",
    "Opening and closing allowance": "开场与总结用时", "Deadline after the application": "申请后验收期限",
    " working days": " 个工作日", "Notice for departments": "提前通知部门",
    "Search past the deadline": "超期后继续查找", "Default visits per department and day": "部门每日默认验收上限",
    "Default travel between places": "地点间默认路程", "Choose…": "选择…", "Export folder": "导出文件夹",
    "CalDAV server URL": "CalDAV 服务器地址", "CalDAV user name": "CalDAV 用户名", "Language": "界面语言",
    "Bureau": "本局信息", "Scheduling rules": "排期规则", "Publishing": "发布", "Interface": "界面",
    "Every change is saved as soon as you leave the field and can be undone (Ctrl+Z).":
        "离开输入框即自动保存，可撤销（Ctrl+Z）。",
    "Delete request {code}": "删除申请 {code}", "New request {code}": "新建申请 {code}",
    "Change department {code}": "修改部门 {code}", "Change item {code}": "修改验收事项 {code}",
    "Change place {code}": "修改地点 {code}", "Travel {first} – {second}": "路程 {first} – {second}",
    "Calendar {date}": "日历 {date}", "Change settings": "修改设置",
}


# --- departments page: busy-time preview, sources, seasonal hours, blocked dates (issue 7)
ZH_CN.update({
    "Blocked": "暂停接待", "Make-up working day": "调休上班",
    "Make-up working day ({weekday} hours)": "调休上班（按{weekday}办公）",
    "Select a department to see its week.": "请选择一个部门以查看其一周安排。",
    "Weekend": "周末", "Busy": "忙碌", "All day": "全天",
    "◀ Previous week": "◀ 上一周", "This week": "本周", "Next week ▶": "下一周 ▶",
    "Green: office hours · Blue: busy (imported calendars) · Red: holiday · Yellow, hatched: blocked by the "
    "bureau · Grey: closed":
        "绿色：办公时间 · 蓝色：忙碌（导入的日历） · 红色：节假日 · 黄色斜线：本局设置的暂停接待 · 灰色：不办公",
    "Week of {first} – {last}": "{first} – {last} 当周",
    "This was changed meanwhile (perhaps in another window); nothing was undone or redone.":
        "此项已被修改（可能在另一个窗口中），未撤销或重做任何内容。",
    "Block {department} {first} – {last}": "暂停 {department} 接待 {first} – {last}",
    "Unblock {department} {first} – {last}": "恢复 {department} 接待 {first} – {last}",
    "Delete {department} hours from {date}": "删除 {department} 自 {date} 起的办公时间",
    "{department} hours from {date}": "{department} 自 {date} 起的办公时间",
    "Add busy-time source for {department}": "为 {department} 添加忙碌时间来源",
    "Remove busy-time source for {department}": "移除 {department} 的忙碌时间来源",
    "Add file…": "添加文件…", "Add web address…": "添加网址…", "Remove": "移除", "Refresh": "更新",
    "Refresh all departments": "更新全部部门", "Cancel": "取消",
    "Busy time comes from the department's iCalendar files or feed addresses (.ics, http, https, webcal). "
    "A failed refresh keeps the last good copy.":
        "忙碌时间来自部门提供的 iCalendar 文件或订阅地址（.ics、http、https、webcal）。更新失败时继续使用上一次成功获取的副本。",
    "Source": "来源", "Type": "类型", "Web address": "网址", "File": "文件", "Events": "事件数",
    "Last good copy": "最近成功获取", "Last refresh": "最近更新", "never": "从未",
    "{time} ({age} old)": "{time}（{age}前）", "Failed: {problem}": "失败：{problem}", "OK": "正常",
    "Busy-time calendar": "忙碌时间日历", "iCalendar files (*.ics);;All files (*)": "iCalendar 文件 (*.ics);;所有文件 (*)",
    "Busy-time feed": "忙碌时间订阅", "Feed address (https://… or webcal://…)": "订阅地址（https://… 或 webcal://…）",
    "Reading {source}…": "正在读取 {source}…",
    "The last good copy from {time} ({age} old) stays in use.": "继续使用 {time} 获取的副本（{age}前）。",
    "Refreshing busy time of {department}…": "正在更新 {department} 的忙碌时间…",
    "Refreshing busy time of all departments…": "正在更新全部部门的忙碌时间…",
    "{good} source(s) refreshed, {failed} failed.": "已更新 {good} 个来源，{failed} 个失败。",
    "Remove source": "移除来源",
    "Stop using {location}? Its busy time is removed; you can undo this.":
        "停止使用 {location}？其忙碌时间将被移除，此操作可以撤销。",
    "Cancelled. A source already being read may still be stored; the table shows what is stored.":
        "已取消。正在读取的来源仍可能已保存，以表格显示的内容为准。",
    "Blocked dates (training, inspections elsewhere)": "暂停接待日期（培训、外出检查等）",
    "From": "自", "to": "至", "First day": "开始日期", "Last day": "结束日期", "Days": "天数", "Reason": "原因", "Reason, e.g. 业务培训": "原因，例如 业务培训",
    "Block these days": "暂停接待这些日期", "Unblock": "恢复接待",
    "Seasonal office hours (summer, winter)": "季节性办公时间（夏令、冬令）",
    "Valid from": "起始日期", "Office hours": "办公时间", "Add seasonal hours…": "添加季节性办公时间…",
    "Edit…": "编辑…", "Delete": "删除",
    "Each variant applies from its date until the next one starts; before the first, the department's usual "
    "hours apply.": "每套办公时间自其起始日期起生效，直到下一套开始；在第一套之前使用部门的常规办公时间。",
    "Seasonal office hours of {department}": "{department} 的季节性办公时间",
    "Busy-time preview": "忙碌时间预览", "Busy-time sources": "忙碌时间来源",
    "Seasonal hours and blocked dates": "季节性办公时间与暂停接待",
    "{name} ({code})": "{name}（{code}）", "Select a department above.": "请在上方选择一个部门。",
})


# --- issue 8 part A: calendar (排期日历) and dashboard charts
ZH_CN.update({
    "Calendar": "排期日历",
    "Place: {place}": "地点：{place}", "Departments: {names}": "参加部门：{names}",
    "Planned, not yet published to the departments": "已排期，尚未发布给各部门",
    "Published to the departments": "已发布给各部门", "Took place": "已完成", "Cancelled": "已取消",
    " · locked": " · 已锁定", "Late: the deadline was {date}": "已超期：验收期限为 {date}",
    "Blocked day": "停止安排", "Busy: {title}": "另有安排：{title}", "Blocked day: {reason}": "停止安排：{reason}",
    "This visit is locked; unlock it before moving it.": "该现场验收已锁定，请先解锁再调整时间。",
    "+{count} more": "另有 {count} 场",
    "Today": "今天", "Previous": "上一段", "Next": "下一段", "Day": "日", "Week": "周", "Month": "月",
    "Show:": "显示：", "Both levels": "市级和区级",
    "{year}-{month:02d}": "{year}年{month}月", "{first} – {last} · week {week}": "{first} – {last} · 第 {week} 周",
    "Dashed outline: planned, not yet published · Red outline: a department is no longer free · Red corner: after "
    "the deadline · Hatched: busy · Grey: outside office hours":
        "虚线框：已排期未发布 · 红框：有部门已不能到场 · 红色角标：超过验收期限 · 斜线：部门另有安排 · 灰色：非办公时间",
    "{visits} visits, {planned} not yet published, {late} late, {conflicts} with conflicts; {lanes} departments "
    "shown. Drag a visit along its lane to propose a new time.":
        "共 {visits} 场现场验收，{planned} 场未发布，{late} 场超期，{conflicts} 场有冲突；显示 {lanes} 个部门。"
        "沿部门行拖动验收块可提出新的时间。",
    "Select a visit to see its project, departments, items and status.": "选择一场现场验收，查看项目、部门、事项和状态。",
    "Move refused: {reason}": "无法调整：{reason}",
    "Request {code}": "申请编号 {code}", "Owner: {owner}": "建设单位：{owner}", "Contact: {name} {phone}": "联系人：{name} {phone}",
    "Changed {count} time(s) since first published (SEQUENCE {count})": "发布后已变更 {count} 次（SEQUENCE {count}）",
    "Previously: {when}": "原定时间：{when}",
    "Separate visit (split off from the joint visit)": "单独验收（从联合验收中拆出）",
    "Deadline: {date}": "验收期限：{date}", "Conflict: the visit no longer fits": "冲突：该现场验收已无法按原时间进行",
    "Departments ({count})": "参加部门（{count} 个）", "Acceptance items ({count})": "验收事项（{count} 项）",
    "Requests late": "超期申请", "Visits with conflicts": "有冲突的现场验收",
    "Conflicts: visits whose departments are no longer all free ({count})": "排期冲突：参加部门已不能全部到场的现场验收（{count} 场）",
    "None: every planned or published visit still fits its departments' time.": "无：所有已排期和已发布的现场验收仍在各部门的可用时间内。",
    "Visits per week (Monday; * = this week)": "每周现场验收（按周一日期；* 为本周）",
    "Visits per department, next 4 weeks": "各部门现场验收场次（未来 4 周）",
    "Visits": "现场验收", "Requests by park": "各园区验收申请",
    "Within the deadline": "期限内", "After the deadline": "超期",
})


# --- auto-schedule, manual moves, publish and print (issue 8, part B)
ZH_CN.update({
    " s": " 秒", "&Schedule": "排期(&S)", "(late)": "（超期）", "(separate visit)": "（单独验收）",
    "<b>{new}</b> new, <b>{moved}</b> moved, {unchanged} unchanged, <b>{unscheduled}</b> cannot be scheduled, "
    "<b>{late}</b> late — {quality}.":
        "新增 <b>{new}</b> 场，调整 <b>{moved}</b> 场，不变 {unchanged} 场，无法排期 <b>{unscheduled}</b> 件，"
        "超期 <b>{late}</b> 件 —— {quality}。",
    "A shared folder the departments subscribe to": "各部门订阅的共享文件夹",
    "A visit the departments already received moves only when a request could otherwise not be scheduled or "
    "would be late. Locked visits never move.":
        "已发给各部门的现场验收，只有在否则某件申请无法排期或将超期时才会调整。已锁定的现场验收从不调整。",
    "After applying: joint acceptance rate {joint:.0%}; the projects receive {joint_trips} visits instead of "
    "{separate} ({saved:.0f}% fewer); {trips} department trips; mean wait {wait:.1f} working days.":
        "应用后：联合验收率 {joint:.0%}；项目接受现场验收 {joint_trips} 次，分散验收需 {separate} 次（减少 {saved:.0f}%）；"
        "部门出车 {trips} 趟；平均等待 {wait:.1f} 个工作日。",
    "Already published: the departments will receive the change.": "已发布：各部门将收到此次变更。",
    "Another visit of this project is locked or already under way, so this one stays too.":
        "该项目的另一场现场验收已锁定或即将进行，因此这一场也保持不变。",
    "Applied: {new} new, {moved} moved, {cancelled} cancelled. Undo (Ctrl+Z) restores the previous schedule.":
        "已应用：新增 {new} 场，调整 {moved} 场，取消 {cancelled} 场。撤销（Ctrl+Z）可恢复原排期。",
    "Apply these changes": "应用这些变更", "Auto-schedule": "自动排期",
    "Auto-schedule: {new} new, {moved} moved": "自动排期：新增 {new} 场，调整 {moved} 场",
    "Auto-schedule…": "自动排期…", "Best plan (optimising solver)": "最优方案（优化求解）",
    "Best plan so far: {scheduled} scheduled, {late} late, {trips} department trips; at most {gap:.1%} from the "
    "best possible — {seconds:.0f} s":
        "当前最好方案：已排 {scheduled} 件，超期 {late} 件，部门出车 {trips} 趟；与最优相差不超过 {gap:.1%} —— 已用 {seconds:.0f} 秒",
    "CalDAV server": "CalDAV 服务器",
    "CalDAV {url}: {created} event(s) created, {updated} updated, {removed} removed, {unchanged} unchanged; "
    "{calendars} calendar(s) created.":
        "CalDAV {url}：新建 {created} 个日程，更新 {updated} 个，删除 {removed} 个，未变 {unchanged} 个；新建日历 {calendars} 个。",
    "Cancel run": "停止计算",
    "Cancel the visit of {project} on {when}? It leaves the departments' calendars at the next publish. You can "
    "undo this.": "取消 {project} 于 {when} 的现场验收？下次发布时将从各部门日历中移除。此操作可以撤销。",
    "Cancel visit": "取消现场验收", "Cancel visit…": "取消现场验收…", "Cancel {count} visit(s)": "取消 {count} 场现场验收",
    "Cancelled; nothing was changed.": "已停止，未做任何修改。", "Date": "日期", "Day sheet for": "日程单：",
    "Day sheet {date}": "日程单 {date}",
    "Departments must be told at least {days} working day(s) ahead: the earliest day is {date}.":
        "须至少提前 {days} 个工作日通知各部门：最早可安排在 {date}。",
    "Earlier times that are not possible, and why:": "更早但不可行的时间及原因：",
    "Extra department trips": "新增部门出车趟数", "Failed: {reason}": "失败：{reason}",
    "First mark the {count} planned visit(s) as published (departments see them as confirmed)":
        "先将 {count} 场待发布的现场验收标记为已发布（各部门看到的将是已确认）",
    "Folder {folder}: {written} file(s) written, {unchanged} unchanged, {removed} removed.":
        "文件夹 {folder}：写入 {written} 个文件，未变 {unchanged} 个，删除 {removed} 个。",
    "Give an export folder or a CalDAV server address first.": "请先填写导出文件夹或 CalDAV 服务器地址。",
    "Leave empty to use the saved password": "留空则使用已保存的密码",
    "Also write e-mail invitations into the folder (invitations/visit-<number>.ics)":
        "同时在文件夹中生成电子邮件邀请（invitations/visit-<编号>.ics）",
    "For bureaus that send invitations by e-mail: one file per published visit with the departments as attendees, "
    "and a cancellation once such a visit is cancelled.":
        "供以电子邮件发送邀请的审批局使用：每场已发布的现场验收生成一个文件，各部门为参加人；该场验收取消后生成取消通知。",
    "User name": "用户名", "Password": "密码",
    "Remember the password in the system keyring": "在系统密钥环中记住密码",
    "This computer has no system keyring; the password is kept only while the program runs.":
        "本机没有系统密钥环；密码只在程序运行期间保留。",
    "The password is stored in the system keyring.": "密码已保存到系统密钥环。",
    "How far past a request's deadline to look for a (late) visit.": "超过验收期限后，继续向后查找（超期）现场验收时间的范围。",
    "Its time no longer works: {reason}": "原定时间已不可行：{reason}",
    "Keep published visits where possible": "尽量保持已发布的现场验收不变",
    "Lock visit": "锁定现场验收", "Lock {count} visit(s)": "锁定 {count} 场现场验收",
    "Looking for a first plan…": "正在寻找第一个可行方案…",
    "Looking for a first plan… {seconds:.0f} s": "正在寻找第一个可行方案… 已用 {seconds:.0f} 秒",
    "Mark visit published": "标记为已发布", "Mark {count} visit(s) published": "将 {count} 场现场验收标记为已发布",
    "Method": "排期方式", "Move a visit": "调整现场验收时间", "Move here": "调整到此时间", "Move visit…": "调整现场验收…",
    "Move {project} to {when}": "将 {project} 调整到 {when}", "New time": "新时间",
    "New visits ({count})": "新增的现场验收（{count} 场）",
    "No joint visit of all its departments fits at that time.": "该时间无法安排全部所需部门的联合现场验收。",
    "Not moved: {reason}": "未调整：{reason}", "Not now": "暂不打印", "Notes": "备注", "Notes ({count})": "提示（{count} 条）",
    "Nothing is changed until you press “Apply these changes”.": "点击“应用这些变更”之前，不会做任何修改。",
    "Notices {codes}": "告知书 {codes}", "Now: {when}, {place}": "当前：{when}，{place}", "Options": "选项",
    "Owner's notice (联合验收告知书) for these requests:": "以下申请的联合验收告知书：",
    "PDF files (*.pdf)": "PDF 文件 (*.pdf)", "Preview the changed notice": "预览变更通知", "Preview…": "打印预览…",
    "Previously": "原时间", "Print": "打印", "Print preview": "打印预览", "Print…": "打印…", "Publish": "发布",
    "Publish the calendar": "发布排期日历", "Publishing…": "正在发布…", "Publish…": "发布…",
    "Quick plan (earliest free time)": "快速方案（最早空闲时间）",
    "Requests that cannot be scheduled ({count})": "无法排期的申请（{count} 件）", "Run": "开始排期",
    "Run again": "重新排期", "Save as PDF": "另存为 PDF", "Save as PDF…": "另存为 PDF…",
    "Saved {pages} page(s) to {path}": "已将 {pages} 页保存到 {path}",
    "Select a visit in the calendar first.": "请先在排期日历中选择一场现场验收。",
    "Select at least one request with a visit.": "请至少选择一件已安排现场验收的申请。",
    "The auto-schedule failed: {error}": "自动排期失败：{error}",
    "The schedule is already the best found; there is nothing to change.": "当前排期已是找到的最佳方案，无需修改。",
    "The visit changed meanwhile; nothing was changed.": "该现场验收已被修改，未做任何修改。",
    "The visit changed meanwhile; nothing was moved.": "该现场验收已被修改，未做调整。",
    "The visit of {project} was moved. Print the changed notice (变更通知) for the owner now?":
        "{project} 的现场验收时间已调整。现在为建设单位打印变更通知吗？",
    "The visit would run past midnight.": "现场验收将持续到午夜之后。",
    "The visits changed after this plan was computed (another edit or window); nothing was applied. Please run "
    "the auto-schedule again.": "计算此方案后现场验收已有变动（其他修改或另一窗口），未应用任何变更。请重新自动排期。",
    "This project has a split visit; run the auto-schedule to move it.": "该项目的现场验收已拆分，请通过自动排期调整。",
    "This visit has already taken place.": "该现场验收已完成。",
    "This visit is before {date}, the first day departments can still be given notice for; it stays where it is.":
        "该现场验收早于 {date}（仍可提前通知各部门的最早日期），保持不变。",
    "This visit is locked. Unlock it first if it really has to move.": "该现场验收已锁定。如确需调整，请先解锁。",
    "This visit was cancelled.": "该现场验收已取消。", "Time": "时间", "Time limit": "计算时限",
    "Unchanged visits ({count})": "不变的现场验收（{count} 场）", "Unlock visit": "解锁现场验收",
    "Unlock {count} visit(s)": "解锁 {count} 场现场验收", "Visit moved": "现场验收已调整",
    "Visit {id} no longer exists.": "现场验收（编号 {id}）已不存在。",
    "Visits start on the {minutes}-minute grid.": "现场验收须在 {minutes} 分钟整点开始。",
    "Visits that move ({count})": "调整时间的现场验收（{count} 场）",
    "Visits that would be cancelled ({count})": "将被取消的现场验收（{count} 场）",
    "Waiting (working days)": "等待（工作日）", "Week overview for the week of": "一周安排：所在周",
    "Week overview {date}": "一周安排 {date}",
    "a quick plan (the solver found nothing better in time)": "快速方案（求解器在时限内未找到更好的方案）",
    "after the deadline": "超过验收期限", "cancelled": "取消",
    "e.g. https://calendar.example.cn/dav/ (optional)": "例如 https://calendar.example.cn/dav/（可选）",
    "every department is already there that day": "当天各部门已在该地点", "no requests are waiting": "没有待排期的申请",
    "not scheduled": "未能排期", "not the owner's preferred half-day": "非建设单位希望的时段", "recommended": "推荐",
    "the best plan found within the time limit": "时限内找到的最佳方案", "the best possible plan": "最优方案",
    "the bureau (all departments)": "本局（全部部门）",
    "{count} possible times, best first (shortest wait, fewest extra trips):":
        "共 {count} 个可选时间，按优劣排序（等待最短、新增出车最少在前）：",
    "{date} is beyond the search window, which ends on {last}.": "{date} 超出查找范围（截至 {last}）。",
    "{department} needs {minutes} minutes to travel from its office after opening.":
        "{department} 上班后需 {minutes} 分钟从单位赶到现场。",    "None: no earlier time is taken by other visits.": "无：没有被其他现场验收占用的更早时间。",
})


# --- GUI polish (issues 7 and 8): calendar details panel
ZH_CN.update({
    "Details": "详情",
    "Show or hide the details of the selected visit": "显示或隐藏所选现场验收的详情",
})


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "desktop_app" / "ui").glob("*.py"))
    subprocess.run(["pyside6-lupdate", *sources, "-no-obsolete", "-source-language", "en",
                    "-target-language", "zh_CN", "-ts", str(TS)], check=True)
    tree = ET.parse(TS)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        if translation.get("type") == "unfinished" or not (translation.text or "").strip():
            if source in ZH_CN:
                translation.text = ZH_CN[source]
                translation.attrib.pop("type", None)
            else:
                missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(QM)], check=True)
    for source in missing:
        print(f"no translation: {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
