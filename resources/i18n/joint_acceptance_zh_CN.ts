<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/about_dialog.py" line="+54"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Joint Acceptance Scheduler&lt;/b&gt;&lt;br&gt;one on-site visit by every department a finished construction project needs</source>
        <translation>&lt;b&gt;联合验收排期&lt;/b&gt;&lt;br&gt;项目竣工后，所需各部门一次到场联合验收</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The bundled font {family} is licensed under the SIL Open Font License, Version 1.1:</source>
        <translation>随程序附带的字体 {family} 采用 SIL 开源字体许可证（SIL Open Font License）1.1 版授权：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>AcceptanceActions</name>
    <message>
        <location filename="../../desktop_app/ui/acceptance_actions.py" line="+33"/>
        <source>&amp;Acceptance</source>
        <translation>验收(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record results…</source>
        <translation>录入验收结果…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rectification done…</source>
        <translation>登记整改完成…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rectification tracking</source>
        <translation>整改跟踪</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print rectification notice…</source>
        <translation>打印整改通知书…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print joint acceptance opinion…</source>
        <translation>打印联合验收意见书…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import confirmation files…</source>
        <translation>导入回执文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The departments&apos; answers to the e-mailed invitations (REPLY .ics from Outlook or Thunderbird)</source>
        <translation>各部门对邮件邀请的答复（Outlook 或 Thunderbird 发回的 REPLY .ics 文件）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fetch confirmations from the calendar server</source>
        <translation>从日历服务器获取回执</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Select a visit in the calendar first.</source>
        <translation>请先在排期日历中选择一次现场验收。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Request {code} is now: {status}</source>
        <translation>验收申请 {code} 现为：{status}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Select a request that is rectifying first.</source>
        <translation>请先选择一件整改中的验收申请。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Import confirmation files</source>
        <translation>导入回执文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar replies (*.ics);;All files (*)</source>
        <translation>日历回复 (*.ics);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Importing confirmations</source>
        <translation>正在导入回执</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Confirmation files not imported</source>
        <translation>回执文件未导入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No calendar server is set: give it in Publish (Ctrl+Shift+P) first.</source>
        <translation>尚未设置日历服务器：请先在“发布”（Ctrl+Shift+P）中填写。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fetching confirmations</source>
        <translation>正在获取回执</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} new answer(s) from {url}.</source>
        <translation>从 {url} 获取到 {count} 条新回执。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Confirmations not fetched</source>
        <translation>未能获取回执</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop_app/ui/app.py" line="+94"/>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>First run: the demo data was loaded into {path}</source>
        <translation>首次运行：演示数据已载入 {path}</translation>
    </message>
</context>
<context>
    <name>Availability</name>
    <message>
        <location filename="../../desktop_app/ui/pages/availability_panel.py" line="+94"/>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add web address…</source>
        <translation>添加网址…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh all departments</source>
        <translation>更新全部部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web address</source>
        <translation>网址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events</source>
        <translation>事件数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last good copy</source>
        <translation>最近成功获取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last refresh</source>
        <translation>最近更新</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{time} ({age} old)</source>
        <translation>{time}（{age}前）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Failed: {problem}</source>
        <translation>失败：{problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Busy-time calendar</source>
        <translation>忙碌时间日历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>iCalendar files (*.ics);;All files (*)</source>
        <translation>iCalendar 文件 (*.ics);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Busy-time feed</source>
        <translation>忙碌时间订阅</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading {source}…</source>
        <translation>正在读取 {source}…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The last good copy from {time} ({age} old) stays in use.</source>
        <translation>继续使用 {time} 获取的副本（{age}前）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Refreshing busy time of {department}…</source>
        <translation>正在更新 {department} 的忙碌时间…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refreshing busy time of all departments…</source>
        <translation>正在更新全部部门的忙碌时间…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{good} source(s) refreshed, {failed} failed.</source>
        <translation>已更新 {good} 个来源，{failed} 个失败。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove source</source>
        <translation>移除来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop using {location}? Its busy time is removed; you can undo this.</source>
        <translation>停止使用 {location}？其忙碌时间将被移除，此操作可以撤销。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cancelled. A source already being read may still be stored; the table shows what is stored.</source>
        <translation>已取消。正在读取的来源仍可能已保存，以表格显示的内容为准。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Blocked dates (training, inspections elsewhere)</source>
        <translation>暂停接待日期（培训、外出检查等）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>Busy time comes from the department&apos;s iCalendar files, feed addresses (.ics, http, https, webcal) or CalDAV calendars (caldav://, caldavs://; other bureaus&apos; calendars are attached with “Discover other bureaus&apos; calendars…”). A failed refresh keeps the last good copy.</source>
        <translation>忙碌时间来自部门提供的 iCalendar 文件、订阅地址（.ics、http、https、webcal）或 CalDAV 日历（caldav://、caldavs://；其他分局的日历用“发现其他分局日历…”附加）。更新失败时继续使用上一次成功获取的副本。</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Feed address (https://…, webcal://… or caldav://…)</source>
        <translation>订阅地址（https://…、webcal://… 或 caldav://…）</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason, e.g. 业务培训</source>
        <translation>原因，例如 业务培训</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block these days</source>
        <translation>暂停接待这些日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unblock</source>
        <translation>恢复接待</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Seasonal office hours (summer, winter)</source>
        <translation>季节性办公时间（夏令、冬令）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+76"/>
        <source>Valid from</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>Office hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add seasonal hours…</source>
        <translation>添加季节性办公时间…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each variant applies from its date until the next one starts; before the first, the department&apos;s usual hours apply.</source>
        <translation>每套办公时间自其起始日期起生效，直到下一套开始；在第一套之前使用部门的常规办公时间。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Seasonal office hours of {department}</source>
        <translation>{department} 的季节性办公时间</translation>
    </message>
</context>
<context>
    <name>AvailabilityEdits</name>
    <message>
        <location filename="../../desktop_app/ui/controllers/availability_edits.py" line="+32"/>
        <source>This was changed meanwhile (perhaps in another window); nothing was undone or redone.</source>
        <translation>此项已被修改（可能在另一个窗口中），未撤销或重做任何内容。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Block {department} {first} – {last}</source>
        <translation>暂停 {department} 接待 {first} – {last}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Unblock {department} {first} – {last}</source>
        <translation>恢复 {department} 接待 {first} – {last}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Delete {department} hours from {date}</source>
        <translation>删除 {department} 自 {date} 起的办公时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{department} hours from {date}</source>
        <translation>{department} 自 {date} 起的办公时间</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Add busy-time source for {department}</source>
        <translation>为 {department} 添加忙碌时间来源</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove busy-time source for {department}</source>
        <translation>移除 {department} 的忙碌时间来源</translation>
    </message>
</context>
<context>
    <name>BackgroundRefresh</name>
    <message>
        <location filename="../../desktop_app/ui/controllers/background_refresh.py" line="+92"/>
        <source>{department} ({bureau})</source>
        <translation>{department}（{bureau}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{calendar} calendar updated {age} ago; refresh failed: {problem}</source>
        <translation>{calendar} 日历 {age}前更新；刷新失败：{problem}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{calendar} calendar never read; refresh failed: {problem}</source>
        <translation>{calendar} 日历从未读取成功；刷新失败：{problem}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (and {count} more calendar(s) failed)</source>
        <translation>（另有 {count} 个日历刷新失败）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy-time calendars that could not be refreshed; the last good copy of each stays in use:</source>
        <translation>以下忙碌时间日历未能刷新，各自继续使用上次成功读取的副本：</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Refreshing {count} calendar(s)…</source>
        <translation>正在刷新 {count} 个日历…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Reading confirmations…</source>
        <translation>正在读取回执…</translation>
    </message>
</context>
<context>
    <name>BusyPreview</name>
    <message>
        <location filename="../../desktop_app/ui/pages/busy_preview.py" line="+69"/>
        <source>Blocked</source>
        <translation>暂停接待</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Make-up working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make-up working day ({weekday} hours)</source>
        <translation>调休上班（按{weekday}办公）</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Select a department to see its week.</source>
        <translation>请选择一个部门以查看其一周安排。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+4"/>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>All day</source>
        <translation>全天</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>◀ Previous week</source>
        <translation>◀ 上一周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next week ▶</source>
        <translation>下一周 ▶</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Green: office hours · Blue: busy (imported calendars) · Red: holiday · Yellow, hatched: blocked by the bureau · Grey: closed</source>
        <translation>绿色：办公时间 · 蓝色：忙碌（导入的日历） · 红色：节假日 · 黄色斜线：本局设置的暂停接待 · 灰色：不办公</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Week of {first} – {last}</source>
        <translation>{first} – {last} 当周</translation>
    </message>
</context>
<context>
    <name>Calendar</name>
    <message>
        <location filename="../../desktop_app/ui/calendar/calendar_page.py" line="+94"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Previous</source>
        <translation>上一段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>下一段</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+244"/>
        <source>Record results…</source>
        <translation>录入验收结果…</translation>
    </message>
    <message>
        <location line="-243"/>
        <source>What each department found at this visit</source>
        <translation>录入各部门在本次现场验收中的意见</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+234"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="-232"/>
        <source>Show or hide the details of the selected visit</source>
        <translation>显示或隐藏所选现场验收的详情</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Both levels</source>
        <translation>市级和区级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All places</source>
        <translation>全部地点</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>{year}-{month:02d}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{first} – {last} · week {week}</source>
        <translation>{first} – {last} · 第 {week} 周</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Dashed outline: planned, not yet published · Red outline: a department is no longer free · Red corner: after the deadline · Hatched: busy · Grey: outside office hours</source>
        <translation>虚线框：已排期未发布 · 红框：有部门已不能到场 · 红色角标：超过验收期限 · 斜线：部门另有安排 · 灰色：非办公时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Orange outline and corner: results due · Grey-green: took place</source>
        <translation>橙色边框和左上角：待录入结果 · 灰绿色：已进行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{visits} visits, {planned} not yet published, {late} late, {conflicts} with conflicts, {due} with results due; {lanes} departments shown. Drag a visit along its lane to propose a new time.</source>
        <translation>共 {visits} 次现场验收，{planned} 次未发布，{late} 次超期，{conflicts} 次有冲突，{due} 次待录入结果；显示 {lanes} 个部门。沿所在行拖动现场验收可调整时间。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Select a visit to see its project, departments, items and status.</source>
        <translation>选择一场现场验收，查看项目、部门、事项和状态。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Move visit…</source>
        <translation>调整时间…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Confirmation (by phone)</source>
        <translation>登记回执（电话）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Move refused: {reason}</source>
        <translation>无法调整：{reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Request {code}</source>
        <translation>申请编号 {code}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner: {owner}</source>
        <translation>建设单位：{owner}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contact: {name} {phone}</source>
        <translation>联系人：{name} {phone}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Changed {count} time(s) since first published (SEQUENCE {count})</source>
        <translation>发布后已变更 {count} 次（SEQUENCE {count}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previously: {when}</source>
        <translation>原定时间：{when}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Separate visit (split off from the joint visit)</source>
        <translation>单独验收（从联合验收中拆出）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deadline: {date}</source>
        <translation>验收期限：{date}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Conflict: the visit no longer fits</source>
        <translation>冲突：该现场验收已无法按原时间进行</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Departments ({count})</source>
        <translation>参加部门（{count} 个）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acceptance items ({count})</source>
        <translation>验收事项（{count} 项）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Declined…</source>
        <translation>已拒绝…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to awaiting confirmation</source>
        <translation>改回待确认</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Confirmations: {confirmed} of {count} confirmed</source>
        <translation>回执：{count} 个部门中 {confirmed} 个已确认</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/calendar/calendar_view.py" line="+93"/>
        <source>Place: {place}</source>
        <translation>地点：{place}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Departments: {names}</source>
        <translation>参加部门：{names}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Planned, not yet published to the departments</source>
        <translation>已排期，尚未发布给各部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published to the departments</source>
        <translation>已发布给各部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Took place</source>
        <translation>已进行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · re-inspection (round {round})</source>
        <translation> · 复验（第 {round} 轮）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · locked</source>
        <translation> · 已锁定</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Results due: nothing recorded yet</source>
        <translation>待录入结果：尚未录入任何部门的意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Results due from {names}</source>
        <translation>待录入结果：{names}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Late: the deadline was {date}</source>
        <translation>已超期：验收期限为 {date}</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>Blocked day</source>
        <translation>停止安排</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+221"/>
        <source>Busy: {title}</source>
        <translation>另有安排：{title}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blocked day: {reason}</source>
        <translation>停止安排：{reason}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>This visit is locked; unlock it before moving it.</source>
        <translation>该现场验收已锁定，请先解锁再调整时间。</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Make-up working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>+{count} more</source>
        <translation>另有 {count} 场</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../../desktop_app/ui/pages/catalog_pages.py" line="+40"/>
        <source>{field} is required</source>
        <translation>{field}不能为空</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+48"/>
        <location line="+10"/>
        <location line="+74"/>
        <location line="+50"/>
        <location line="+7"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="-188"/>
        <location line="+47"/>
        <location line="+10"/>
        <source>Item</source>
        <translation>验收事项</translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+57"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="-55"/>
        <location line="+55"/>
        <source>Minutes</source>
        <translation>时长（分钟）</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+54"/>
        <source>Materials</source>
        <translation>所需材料</translation>
    </message>
    <message>
        <location line="-47"/>
        <location line="+130"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="-129"/>
        <location line="+130"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="-129"/>
        <location line="+130"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>Delete item</source>
        <translation>删除验收事项</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_model.py" line="+167"/>
        <source>Delete {name}? You can undo this.</source>
        <translation>删除“{name}”？此操作可以撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/pages/catalog_pages.py" line="+17"/>
        <source>One material per line</source>
        <translation>每行一项材料</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An item with code {code} already exists</source>
        <translation>编码为 {code} 的验收事项已存在</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Acceptance item</source>
        <translation>验收事项</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Default: {minutes} minutes</source>
        <translation>默认：{minutes} 分钟</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Travel {first} – {second}: {text} is not a whole number of minutes</source>
        <translation>路程 {first} – {second}：“{text}”不是整数分钟</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+49"/>
        <location line="+6"/>
        <location line="+1"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="-55"/>
        <location line="+56"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Travel time in minutes (the same both ways). An empty cell uses the default of {minutes} minutes.</source>
        <translation>地点之间的路程（分钟，往返相同）。空白单元格按默认 {minutes} 分钟计算。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete place</source>
        <translation>删除地点</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A place with code {code} already exists</source>
        <translation>编码为 {code} 的地点已存在</translation>
    </message>
</context>
<context>
    <name>ConfirmationEdits</name>
    <message>
        <location filename="../../desktop_app/ui/controllers/confirmation_edits.py" line="+68"/>
        <source>The confirmation of {department} for visit {id} changed meanwhile; it was left as it is now.</source>
        <translation>{department} 对验收 {id} 的回执已被他人更改，保持现状，未撤销。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>back to awaiting confirmation</source>
        <translation>改回待确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmation of visit {id}: {department} {answer}</source>
        <translation>验收 {id} 的回执：{department} {answer}</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../desktop_app/ui/pages/dashboard_page.py" line="+115"/>
        <source>Requests waiting for a visit</source>
        <translation>待排期申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests scheduled</source>
        <translation>已排期申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits this week</source>
        <translation>本周现场验收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Joint acceptance rate</source>
        <translation>联合验收率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fewer trips for the projects</source>
        <translation>项目跑腿减少</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Department trips</source>
        <translation>部门出车趟数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Accepted this month</source>
        <translation>本月通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted at the first visit (one-pass rate)</source>
        <translation>一次性通过率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits that found something to fix</source>
        <translation>整改率（需整改的现场验收）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working days from application to opinion (mean)</source>
        <translation>申请至办结平均工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-inspections held</source>
        <translation>已进行复验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits with results overdue</source>
        <translation>逾期未录入结果</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After the visit</source>
        <translation>验收后续</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Request</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmation</source>
        <translation>回执</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Double-click to open the visit in the calendar</source>
        <translation>双击在排期日历中打开该验收</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Requests accepted (every department passed) in {month}</source>
        <translation>{month} 通过联合验收（各部门均通过）的申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{first} of {decided} decided requests were accepted without any rectification or failure at their first visit</source>
        <translation>已办结的 {decided} 件申请中，{first} 件首次现场验收即通过（无需整改、无不通过）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{found} of {held} visits held asked for rectification ({findings} findings)</source>
        <translation>已进行的 {held} 场现场验收中，{found} 场提出整改（共 {findings} 条整改意见）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From the application to the decision, over {accepted} accepted request(s), in the bureau&apos;s working days</source>
        <translation>已通过的 {accepted} 件申请自申请至办结的平均工作日（按本局工作日历）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Visits of a re-inspection round (复验) that took place</source>
        <translation>已进行的复验现场验收场次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits that ended before today without every department&apos;s result</source>
        <translation>今天以前已结束、但尚有部门未录入验收意见的现场验收</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Visits within 2 working days not confirmed by every department ({count})</source>
        <translation>两个工作日内未确认的验收（{count}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All confirmed: every department of the visits in the next 2 working days has confirmed.</source>
        <translation>都已确认：未来两个工作日内的验收，各部门均已确认。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{count} of {total} department(s) not confirmed</source>
        <translation>{total} 个部门中 {count} 个未确认</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Conflicts: visits whose departments are no longer all free ({count})</source>
        <translation>排期冲突：参加部门已不能全部到场的现场验收（{count} 场）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>None: every planned or published visit still fits its departments&apos; time.</source>
        <translation>无：所有已排期和已发布的现场验收仍在各部门的可用时间内。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Results due: visits that have ended without every department&apos;s result ({count})</source>
        <translation>待录入结果：已结束但尚有部门未录入意见的现场验收（{count}）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>None: every visit that has ended has its results.</source>
        <translation>无：已结束的现场验收均已录入结果。</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>No result yet from {names}</source>
        <translation>尚未录入：{names}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/pages/dashboard_charts.py" line="+103"/>
        <source>Visits per week (Monday; * = this week)</source>
        <translation>每周现场验收（按周一日期；* 为本周）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/pages/dashboard_page.py" line="-231"/>
        <source>On time</source>
        <translation>按期率</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/pages/dashboard_charts.py" line="+1"/>
        <source>Within the deadline</source>
        <translation>期限内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After the deadline</source>
        <translation>超期</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Visits per department, next 4 weeks</source>
        <translation>各部门现场验收场次（未来 4 周）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Visits</source>
        <translation>现场验收</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Requests by park</source>
        <translation>各园区验收申请</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rectification rate by department (top 5)</source>
        <translation>各部门需整改率（前 5）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rectification rate</source>
        <translation>需整改率</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Findings by item (top 5)</source>
        <translation>整改意见按验收事项（前 5）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Findings</source>
        <translation>整改意见</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no item)</source>
        <translation>（未指明事项）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/pages/dashboard_page.py" line="+1"/>
        <source>Mean wait (working days)</source>
        <translation>平均等待（工作日）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests late</source>
        <translation>超期申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits with conflicts</source>
        <translation>有冲突的现场验收</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>{bureau} — {date}</source>
        <translation>{bureau} — {date}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{joint} visits instead of {separate} separate ones</source>
        <translation>联合验收 {joint} 场，分散验收需 {separate} 场</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{departments} departments, {items} acceptance items, {places} places, {overrides} holiday overrides.</source>
        <translation>部门 {departments} 个，验收事项 {items} 项，地点 {places} 个，节假日调整 {overrides} 条。</translation>
    </message>
</context>
<context>
    <name>Decline</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/decline_dialog.py" line="+17"/>
        <source>Department declined</source>
        <translation>部门拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{department} declined the visit {visit}. Why? (in the department&apos;s words; optional)</source>
        <translation>{department} 拒绝了验收 {visit}。原因是什么？（尽量记部门原话，可不填）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 当天另有市级检查</source>
        <translation>例如：当天另有市级检查</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record the decline</source>
        <translation>登记拒绝</translation>
    </message>
</context>
<context>
    <name>Departments</name>
    <message>
        <location filename="../../desktop_app/ui/pages/departments_page.py" line="+39"/>
        <source>Office hours (e.g. 08:30-12:00, 14:00-17:30)</source>
        <translation>办公时间（例如 08:30-12:00, 14:00-17:30）</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+163"/>
        <location line="+15"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="-177"/>
        <location line="+162"/>
        <location line="+15"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-176"/>
        <location line="+177"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="-176"/>
        <location line="+176"/>
        <source>Base</source>
        <translation>驻地</translation>
    </message>
    <message>
        <location line="-175"/>
        <location line="+176"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="-175"/>
        <location line="+175"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="-174"/>
        <location line="+175"/>
        <source>Visits per day</source>
        <translation>每日验收上限</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>Office hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Discover other bureaus&apos; calendars…</source>
        <translation>发现其他分局日历…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach the calendars other district bureaus publish for our city departments on the city CalDAV server</source>
        <translation>将其他区县分局在市级 CalDAV 服务器上发布的市级部门日历附加到本库对应部门</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Busy-time preview</source>
        <translation>忙碌时间预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy-time sources</source>
        <translation>忙碌时间来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seasonal hours and blocked dates</source>
        <translation>季节性办公时间与暂停接待</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>{name} ({code})</source>
        <translation>{name}（{code}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a department above.</source>
        <translation>请在上方选择一个部门。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Delete department</source>
        <translation>删除部门</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copy Monday to Tuesday–Friday</source>
        <translation>将星期一复制到星期二至星期五</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Weekly office hours (the gap between two intervals is the lunch break)</source>
        <translation>每周办公时间（两个时间段之间的间隔即午休）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{field} is required</source>
        <translation>{field}不能为空</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A department with code {code} already exists</source>
        <translation>编码为 {code} 的部门已存在</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/pages/availability_panel.py" line="-7"/>
        <location filename="../../desktop_app/ui/pages/departments_page.py" line="+5"/>
        <source>Office hours: {problem}</source>
        <translation>办公时间：{problem}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/pages/departments_page.py" line="+4"/>
        <source>New department</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department {name}</source>
        <translation>部门：{name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
</context>
<context>
    <name>Discovery</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/discovery_dialog.py" line="+124"/>
        <source>Other bureaus&apos; calendars</source>
        <translation>其他分局的日历</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Other district bureaus publish their visits of the shared city departments on the city&apos;s CalDAV server. Attached to our department with the same code, they count toward its daily capacity and travel.</source>
        <translation>其他区县分局把各自预约市级部门的验收发布在市级 CalDAV 服务器上。附加到本库代码相同的部门后，这些验收计入该部门的每日上限和路程。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Leave empty to use the saved password</source>
        <translation>留空则使用已保存的密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remember the password in the system keyring (needed for the background refresh)</source>
        <translation>在系统钥匙串中记住密码（后台刷新需要）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>City server</source>
        <translation>市级服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No city CalDAV server is set. Enter the city server and this bureau&apos;s account in the settings (市级部门共享), or the CalDAV server of publishing.</source>
        <translation>尚未设置市级 CalDAV 服务器。请在“设置 ▸ 与其他分局共享的市级部门”中填写市级服务器和本局账号，或填写发布用的 CalDAV 服务器。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+22"/>
        <source>Attach</source>
        <translation>附加</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Bureau</source>
        <translation>分局</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department code</source>
        <translation>部门代码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Our department</source>
        <translation>本库部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{server} — account {user}</source>
        <translation>{server} — 账号 {user}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Looking for other bureaus&apos; calendars on {server}…</source>
        <translation>正在 {server} 上查找其他分局的日历…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{count} calendar(s) of other bureaus found, {new} new to attach.</source>
        <translation>找到其他分局的日历 {count} 个，其中 {new} 个可新附加。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No other bureau&apos;s department calendars are readable by this account on the city server.</source>
        <translation>此账号在市级服务器上读不到其他分局的部门日历。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password is stored in the system keyring.</source>
        <translation>密码已保存在系统钥匙串中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password was not stored ({reason}): the background refresh cannot read these calendars without it.</source>
        <translation>密码未能保存（{reason}）：没有密码，后台刷新无法读取这些日历。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{name} ({code})</source>
        <translation>{name}（{code}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{code} is a district department here: not shared</source>
        <translation>本库的 {code} 是区级部门，不共享</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No such department here</source>
        <translation>本库无此部门</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attached</source>
        <translation>已附加</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot be attached</source>
        <translation>不能附加</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Attaching {count} calendar(s)…</source>
        <translation>正在附加 {count} 个日历…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{count} calendar(s) attached; their visits count on the departments page, the calendar and in scheduling.</source>
        <translation>已附加 {count} 个日历；其中的验收已计入部门页、排期日历和自动排期。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cancelled. Calendars already being attached may still be stored; the departments page shows what is stored.</source>
        <translation>已取消。正在附加的日历可能已经保存；以部门页显示的为准。</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../desktop_app/ui/widgets/formatting.py" line="+69"/>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>District</source>
        <translation>区级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting</source>
        <translation>待排期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation>已排期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectifying</source>
        <translation>整改中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not passed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Re-inspection: {status}</source>
        <translation>复验·{status}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Afternoon</source>
        <translation>下午</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any time</source>
        <translation>不限</translation>
    </message>
</context>
<context>
    <name>Holidays</name>
    <message>
        <location filename="../../desktop_app/ui/pages/holidays_page.py" line="+60"/>
        <source>The bureau has entered this year&apos;s official schedule (mark the year confirmed)</source>
        <translation>本局已录入该年度的法定节假日安排（标记为已确认）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Red: statutory holiday · Yellow: make-up working day (调休) · Grey: weekend · Bold: the bureau&apos;s override</source>
        <translation>红色：法定节假日 · 黄色：调休上班 · 灰色：周末 · 粗体：本局调整</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Name, e.g. 元旦</source>
        <translation>名称，例如 元旦</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day off</source>
        <translation>设为休息日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working day</source>
        <translation>设为工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the official calendar</source>
        <translation>恢复官方日历</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Click a day to change it.</source>
        <translation>点击某一天以调整。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>day off</source>
        <translation>休息日</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/import_dialog.py" line="+26"/>
        <source>Places</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acceptance items</source>
        <translation>验收事项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Requests</source>
        <translation>验收申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+50"/>
        <location line="+7"/>
        <source>Import data</source>
        <translation>导入数据</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>A dataset folder, a CSV file or an .xlsx workbook</source>
        <translation>数据集文件夹、CSV 文件或 .xlsx 工作簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sheet</source>
        <translation>数据表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Data files (*.csv *.xlsx)</source>
        <translation>数据文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Checking {path}…</source>
        <translation>正在检查 {path}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking import</source>
        <translation>正在检查导入数据</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelled; nothing was imported.</source>
        <translation>已取消，未导入任何内容。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>New: {sheet} {code}</source>
        <translation>新增：{sheet} {code}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Changed: {sheet} {code}</source>
        <translation>修改：{sheet} {code}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The data is valid: {count} record(s) will be added or changed. Press Import to write them.</source>
        <translation>数据有效：将新增或修改 {count} 条记录。点击“导入”写入。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count} problem(s) found; nothing was imported. Fix the rows below and check again.</source>
        <translation>发现 {count} 处错误，未导入任何内容。请修正以下各行后重新检查。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Imported.</source>
        <translation>已导入。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="+71"/>
        <source>Joint Acceptance Scheduler</source>
        <translation>联合验收排期</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests</source>
        <translation>验收申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar</source>
        <translation>排期日历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectification</source>
        <translation>整改跟踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acceptance items</source>
        <translation>验收事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Places and travel</source>
        <translation>地点与路程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New database…</source>
        <translation>新建数据库…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open database…</source>
        <translation>打开数据库…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back up database…</source>
        <translation>备份数据库…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import data…</source>
        <translation>导入数据…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export monthly report…</source>
        <translation>导出月度报表…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New request</source>
        <translation>新建申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find request</source>
        <translation>查找申请</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>{count} new confirmation(s) from the calendar server.</source>
        <translation>从日历服务器收到 {count} 条新回执。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{path} (network share: rollback journal)</source>
        <translation>{path}（网络共享：回滚日志）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database is on a network share: it uses a rollback journal instead of WAL, and an edit another clerk made first is refused, never overwritten.</source>
        <translation>数据库位于网络共享文件夹：改用回滚日志（不使用 WAL），其他工作人员先做的修改不会被覆盖，后做的冲突修改会被拒绝。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Holiday calendar not confirmed for {years}</source>
        <translation>{years} 年节假日安排尚未确认</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved {time}</source>
        <translation>已于 {time} 保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All changes are saved</source>
        <translation>所有修改均已保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was changed</source>
        <translation>未做任何修改</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Monthly report written to {path}</source>
        <translation>月度报表已写入 {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>Databases (*.sqlite)</source>
        <translation>数据库 (*.sqlite)</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Databases (*.sqlite *.db);;All files (*)</source>
        <translation>数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Back up database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Backup written to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
</context>
<context>
    <name>MonthlyReport</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/report_dialog.py" line="+65"/>
        <source>Joint acceptance monthly report {year}-{month:02d}.xlsx</source>
        <translation>联合验收月度报表-{year}-{month:02d}.xlsx</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export monthly report</source>
        <translation>导出月度报表</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every month of the year up to the chosen one, each department and item in that month, and a chart — as `joint-acceptance report month` writes it.</source>
        <translation>包括本年截至所选月份的各月汇总、所选月份各部门和各验收事项的情况，并附图表——与 `joint-acceptance report month` 生成的相同。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Save the monthly report</source>
        <translation>保存月度报表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Give the file to save the report in.</source>
        <translation>请指定保存报表的文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Writing the report…</source>
        <translation>正在生成报表…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly report</source>
        <translation>月度报表</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Written to {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The report could not be made ({error}); nothing was written.</source>
        <translation>报表未能生成（{error}）；未写入任何文件。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Monthly report not written</source>
        <translation>月度报表未生成</translation>
    </message>
</context>
<context>
    <name>Move</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/move_dialog.py" line="+40"/>
        <source>Move a visit</source>
        <translation>调整现场验收时间</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Waiting (working days)</source>
        <translation>等待（工作日）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra department trips</source>
        <translation>新增部门出车趟数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Earlier times that are not possible, and why:</source>
        <translation>更早但不可行的时间及原因：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Move here</source>
        <translation>调整到此时间</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Now: {when}, {place}</source>
        <translation>当前：{when}，{place}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{count} possible times, best first (shortest wait, fewest extra trips):</source>
        <translation>共 {count} 个可选时间，按优劣排序（等待最短、新增出车最少在前）：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>recommended</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>after the deadline</source>
        <translation>超过验收期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every department is already there that day</source>
        <translation>当天各部门已在该地点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not the owner&apos;s preferred half-day</source>
        <translation>非建设单位希望的时段</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>None: no earlier time is taken by other visits.</source>
        <translation>无：没有被其他现场验收占用的更早时间。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not moved: {reason}</source>
        <translation>未调整：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/controllers/move_edits.py" line="+48"/>
        <source>Visit {id} no longer exists.</source>
        <translation>现场验收（编号 {id}）已不存在。</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+12"/>
        <source>The visit changed meanwhile; nothing was moved.</source>
        <translation>该现场验收已被修改，未做调整。</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Move {project} to {when}</source>
        <translation>将 {project} 调整到 {when}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Lock {count} visit(s)</source>
        <translation>锁定 {count} 场现场验收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock {count} visit(s)</source>
        <translation>解锁 {count} 场现场验收</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel {count} visit(s)</source>
        <translation>取消 {count} 场现场验收</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mark {count} visit(s) published</source>
        <translation>将 {count} 场现场验收标记为已发布</translation>
    </message>
</context>
<context>
    <name>Print</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/print_dialog.py" line="+72"/>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Owner&apos;s notice (联合验收告知书) for these requests:</source>
        <translation>以下申请的联合验收告知书：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day sheet for</source>
        <translation>日程单：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Week overview for the week of</source>
        <translation>一周安排：所在周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectification notice (整改通知书) of</source>
        <translation>整改通知书：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Joint acceptance opinion (联合验收意见书) of</source>
        <translation>联合验收意见书：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>the bureau (all departments)</source>
        <translation>本局（全部部门）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No request is rectifying</source>
        <translation>没有整改中的申请</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No request is accepted yet</source>
        <translation>尚无已通过的申请</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Electronic seal (电子签章) when saving the opinion as PDF</source>
        <translation>电子签章（意见书另存为 PDF 时）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Certificate password; leave empty to use the saved one</source>
        <translation>证书密码；留空则使用已保存的密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remember the password in the system keyring</source>
        <translation>在系统密钥环中记住密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This computer has no system keyring; the password is used for this signature only.</source>
        <translation>本机没有系统密钥环；密码仅用于本次签章。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Signed with {path}</source>
        <translation>使用 {path} 签章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name the bureau&apos;s certificate (.p12/.pfx) in Settings first.</source>
        <translation>请先在“设置”中指定本局的签章证书（.p12/.pfx）。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No request is rectifying: there is no rectification notice.</source>
        <translation>没有整改中的申请，无整改通知书可打印。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No request is accepted yet: there is no opinion to issue.</source>
        <translation>尚无已通过的申请，无联合验收意见书可出具。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select at least one request with a visit.</source>
        <translation>请至少选择一件已安排现场验收的申请。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Notices {codes}</source>
        <translation>告知书 {codes}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day sheet {date}</source>
        <translation>日程单 {date}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rectification notice {code}</source>
        <translation>整改通知书 {code}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Joint acceptance opinion {code}</source>
        <translation>联合验收意见书 {code}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Week overview {date}</source>
        <translation>一周安排 {date}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Printed {number} ({pages} page(s)).</source>
        <translation>已打印 {number}（{pages} 页）。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saved {pages} page(s) to {path}</source>
        <translation>已将 {pages} 页保存到 {path}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The signing certificate {path} needs its password: type it in the password field. Nothing was saved.</source>
        <translation>签章证书 {path} 需要密码：请在密码框中输入。未保存任何文件。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Saved {number} ({pages} page(s)) to {path}</source>
        <translation>已将 {number}（{pages} 页）保存到 {path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed {number} with the certificate of {subject}; saved to {path}</source>
        <translation>已用 {subject} 的证书对 {number} 签章，保存到 {path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password is stored in the system keyring.</source>
        <translation>密码已保存到系统密钥环。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Visit moved</source>
        <translation>现场验收已调整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The visit of {project} was moved. Print the changed notice (变更通知) for the owner now?</source>
        <translation>{project} 的现场验收时间已调整。现在为建设单位打印变更通知吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preview the changed notice</source>
        <translation>预览变更通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not now</source>
        <translation>暂不打印</translation>
    </message>
</context>
<context>
    <name>Publish</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/publish_dialog.py" line="+96"/>
        <source>Folder {folder}: {written} file(s) written, {unchanged} unchanged, {removed} removed.</source>
        <translation>文件夹 {folder}：写入 {written} 个文件，未变 {unchanged} 个，删除 {removed} 个。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CalDAV {url}: {created} event(s) created, {updated} updated, {removed} removed, {unchanged} unchanged; {calendars} calendar(s) created.</source>
        <translation>CalDAV {url}：新建 {created} 个日程，更新 {updated} 个，删除 {removed} 个，未变 {unchanged} 个；新建日历 {calendars} 个。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The password is stored in the system keyring.</source>
        <translation>密码已保存到系统密钥环。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Publish the calendar</source>
        <translation>发布排期日历</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A shared folder the departments subscribe to</source>
        <translation>各部门订阅的共享文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. https://calendar.example.cn/dav/ (optional)</source>
        <translation>例如 https://calendar.example.cn/dav/（可选）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Leave empty to use the saved password</source>
        <translation>留空则使用已保存的密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remember the password in the system keyring</source>
        <translation>在系统密钥环中记住密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This computer has no system keyring; the password is kept only while the program runs.</source>
        <translation>本机没有系统密钥环；密码只在程序运行期间保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also write e-mail invitations into the folder (invitations/visit-&lt;number&gt;.ics)</source>
        <translation>同时在文件夹中生成电子邮件邀请（invitations/visit-&lt;编号&gt;.ics）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For bureaus that send invitations by e-mail: one file per published visit with the departments as attendees, and a cancellation once such a visit is cancelled.</source>
        <translation>供以电子邮件发送邀请的审批局使用：每场已发布的现场验收生成一个文件，各部门为参加人；该场验收取消后生成取消通知。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+33"/>
        <source>Export folder</source>
        <translation>导出文件夹</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>CalDAV server</source>
        <translation>CalDAV 服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>First mark the {count} planned visit(s) as published (departments see them as confirmed)</source>
        <translation>先将 {count} 场待发布的现场验收标记为已发布（各部门看到的将是已确认）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Give an export folder or a CalDAV server address first.</source>
        <translation>请先填写导出文件夹或 CalDAV 服务器地址。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Publishing…</source>
        <translation>正在发布…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Publishing</source>
        <translation>发布</translation>
    </message>
</context>
<context>
    <name>Rectification</name>
    <message>
        <location filename="../../desktop_app/ui/pages/rectification_page.py" line="+29"/>
        <source>{days} day(s) overdue</source>
        <translation>已逾期 {days} 天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last day</source>
        <translation>今天截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{days} day(s)</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Request / department</source>
        <translation>申请 / 部门</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Project / finding</source>
        <translation>项目 / 整改问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item</source>
        <translation>验收事项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Departments</source>
        <translation>复验部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>复验期限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Visit</source>
        <translation>复验时间</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rectification done…</source>
        <translation>登记整改完成…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The owner reported the findings fixed: record the day and open the re-inspection</source>
        <translation>建设单位报告已完成整改：登记日期并启动复验</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print rectification notice…</source>
        <translation>打印整改通知书…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview, print or save as PDF the rectification notice (整改通知书): every open finding at once</source>
        <translation>预览、打印整改通知书或另存为 PDF：一次性告知全部未整改问题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open request</source>
        <translation>打开申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show visit</source>
        <translation>查看现场验收</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Rectifying: findings the owner must fix ({count})</source>
        <translation>整改中：建设单位须整改的问题（{count}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-inspections waiting ({count})</source>
        <translation>待复验（{count}）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Owner: {owner}</source>
        <translation>建设单位：{owner}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Not scheduled yet</source>
        <translation>尚未排期</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>After the re-inspection&apos;s deadline</source>
        <translation>晚于复验期限</translation>
    </message>
</context>
<context>
    <name>RectifiedDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/rectified_dialog.py" line="+28"/>
        <source>Rectification done</source>
        <translation>登记整改完成</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reported on</source>
        <translation>报告整改完成日期</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open findings ({count}):</source>
        <translation>待整改问题（{count}）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The owner must report them fixed by {date}. The re-inspection visits only these departments.</source>
        <translation>建设单位须在 {date} 前报告整改完成；复验只请上述部门参加。</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/request_dialog.py" line="+39"/>
        <source>Unified project code</source>
        <translation>项目统一代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Floor area</source>
        <translation>建筑面积</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Floors</source>
        <translation>层数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Builder</source>
        <translation>施工单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisor</source>
        <translation>监理单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Surveyor</source>
        <translation>勘察单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Designer</source>
        <translation>设计单位</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>New request</source>
        <translation>新建申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit request {code}</source>
        <translation>编辑申请 {code}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Explicit deadline</source>
        <translation>指定期限</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Acceptance item</source>
        <translation>验收事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>建设单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applied on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready on</source>
        <translation>具备验收条件日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deadline</source>
        <translation>验收期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preferred time</source>
        <translation>时段偏好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Computed</source>
        <translation>自动计算</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Acceptance items (by level and department)</source>
        <translation>验收事项（按层级和部门）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Every change of this request and its visits, oldest first. History is never edited: a correction is a new entry.</source>
        <translation>本申请及其现场验收的每一次变更，按时间先后排列。历史记录不可修改：更正另记一条。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opinion details</source>
        <translation>意见书信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History ({count})</source>
        <translation>历史记录（{count}）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>1 to {maximum}</source>
        <translation>1 至 {maximum}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>m²</source>
        <translation>平方米</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Printed on the joint acceptance opinion (联合验收意见书). All optional; a dataset import with these columns replaces them.</source>
        <translation>以下内容印在联合验收意见书上，均可不填；导入含这些列的数据集时会以导入的内容替换。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The recorded results decide this status; it cannot be changed by hand.</source>
        <translation>此状态由录入的验收结果确定，不能手工修改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rectifying and Not passed are not chosen here: the recorded results decide them.</source>
        <translation>“整改中”和“未通过”不在此处选择，由录入的验收结果确定。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Opinion {number} has been issued for this request. Saving is allowed: a reprint keeps that number and issue date and prints what you save here, and these changes give its QR code a new content hash: copies already handed out no longer match the reprint.</source>
        <translation>本申请已出具意见书 {number}。仍可保存修改：重新打印时沿用原文号和成文日期，内容按此处保存的打印；这些修改会使二维码中的内容哈希改变，已发出的纸质文本将与重新打印的不再一致。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opinion {number} has been issued for this request. Saving is allowed: a reprint keeps that number and issue date and prints what you save here. The QR code&apos;s content hash covers the name, the owner and the opinions, not these details: it stays the same.</source>
        <translation>本申请已出具意见书 {number}。仍可保存修改：重新打印时沿用原文号和成文日期，内容按此处保存的打印。二维码中的内容哈希只包括项目名称、建设单位和各部门意见，不含意见书信息，因此保持不变。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Departments needed ({count}): {names}</source>
        <translation>需参加部门（{count} 个）：{names}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deadline: {date} ({days} working days after the application)</source>
        <translation>验收期限：{date}（申请后 {days} 个工作日）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deadline: {date} (explicit)</source>
        <translation>验收期限：{date}（指定）</translation>
    </message>
</context>
<context>
    <name>Requests</name>
    <message>
        <location filename="../../desktop_app/ui/pages/requests_page.py" line="+43"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner</source>
        <translation>建设单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+126"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>Items</source>
        <translation>验收事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applied</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline</source>
        <translation>验收期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Late</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+118"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>Scheduled visit</source>
        <translation>现场验收时间</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Search code, project, owner, place, items…</source>
        <translation>搜索编码、项目、建设单位、地点、事项…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Late only</source>
        <translation>仅超期</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+135"/>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+132"/>
        <source>Rectification done…</source>
        <translation>登记整改完成…</translation>
    </message>
    <message>
        <location line="-131"/>
        <source>The owner reported the findings fixed: record the day and open the re-inspection</source>
        <translation>建设单位报告已完成整改：登记日期并启动复验</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print opinion…</source>
        <translation>打印意见书…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview, print or save as PDF the joint acceptance opinion (联合验收意见书) of the accepted request</source>
        <translation>预览、打印已通过申请的联合验收意见书或另存为 PDF</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-inspection</source>
        <translation>复验</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All places</source>
        <translation>全部地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{shown} of {total} requests</source>
        <translation>显示 {shown} / 共 {total} 件申请</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print rectification notice…</source>
        <translation>打印整改通知书…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print joint acceptance opinion…</source>
        <translation>打印联合验收意见书…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Delete request</source>
        <translation>删除申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the request {code} ({name})? You can undo this.</source>
        <translation>删除申请 {code}（{name}）？此操作可以撤销。</translation>
    </message>
</context>
<context>
    <name>ResultEdits</name>
    <message>
        <location filename="../../desktop_app/ui/controllers/result_edits.py" line="+42"/>
        <source>Record results of {project} ({count} department(s))</source>
        <translation>录入 {project} 的验收结果（{count} 个部门）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Rectification of {project} reported on {date}</source>
        <translation>登记 {project} 于 {date} 整改完成</translation>
    </message>
</context>
<context>
    <name>ResultsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/results_dialog.py" line="+40"/>
        <source>What must be fixed</source>
        <translation>须整改的问题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no particular item)</source>
        <translation>（不指定验收事项）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Photo or document (optional)</source>
        <translation>照片或文件（可选）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a photo or document</source>
        <translation>选择照片或文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove this finding</source>
        <translation>删除此问题</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Photo or document of the finding</source>
        <translation>问题的照片或文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos and documents (*.jpg *.jpeg *.png *.heic *.pdf *.doc *.docx);;All files (*)</source>
        <translation>照片和文件 (*.jpg *.jpeg *.png *.heic *.pdf *.doc *.docx);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>— not recorded —</source>
        <translation>— 未录入 —</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add finding</source>
        <translation>添加问题</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Recorded on {date}.</source>
        <translation>已于 {date} 录入。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason (optional)</source>
        <translation>原因（可选）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Record acceptance results</source>
        <translation>录入验收结果</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>All passed</source>
        <translation>全部通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every department without a result or an opinion chosen here: passed</source>
        <translation>尚未录入且未选择意见的部门全部设为“通过”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record</source>
        <translation>录入</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Visit {id} no longer exists.</source>
        <translation>现场验收 {id} 已不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every department of this visit has its result. To correct one, undo its recording (Ctrl+Z).</source>
        <translation>本次现场验收的各部门意见均已录入。如需更正，请撤销该次录入（Ctrl+Z）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Re-inspection, round {round}</source>
        <translation>复验（第 {round} 轮）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner: {owner}</source>
        <translation>建设单位：{owner}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose an opinion for at least one department.</source>
        <translation>请至少为一个部门选择意见。</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/schedule_dialog.py" line="+50"/>
        <location line="+124"/>
        <source>Auto-schedule</source>
        <translation>自动排期</translation>
    </message>
    <message>
        <location line="-111"/>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How far past a request&apos;s deadline to look for a (late) visit.</source>
        <translation>超过验收期限后，继续向后查找（超期）现场验收时间的范围。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep published visits where possible</source>
        <translation>尽量保持已发布的现场验收不变</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A visit the departments already received moves only when a request could otherwise not be scheduled or would be late. Locked visits never move.</source>
        <translation>已发给各部门的现场验收，只有在否则某件申请无法排期或将超期时才会调整。已锁定的现场验收从不调整。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Best plan (optimising solver)</source>
        <translation>最优方案（优化求解）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quick plan (earliest free time)</source>
        <translation>快速方案（最早空闲时间）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search past the deadline</source>
        <translation>超期后继续查找</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time limit</source>
        <translation>计算时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>排期方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+59"/>
        <source>Run</source>
        <translation>开始排期</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Cancel run</source>
        <translation>停止计算</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Plan again</source>
        <translation>重新排期</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Apply these changes</source>
        <translation>应用这些变更</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Run again</source>
        <translation>重新排期</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Looking for a first plan…</source>
        <translation>正在寻找第一个可行方案…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>已停止，未做任何修改。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Looking for a first plan… {seconds:.0f} s</source>
        <translation>正在寻找第一个可行方案… 已用 {seconds:.0f} 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Best plan so far: {scheduled} scheduled, {late} late, {trips} department trips; at most {gap:.1%} from the best possible — {seconds:.0f} s</source>
        <translation>当前最好方案：已排 {scheduled} 件，超期 {late} 件，部门出车 {trips} 趟；与最优相差不超过 {gap:.1%} —— 已用 {seconds:.0f} 秒</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Nothing is changed until you press “Apply these changes”.</source>
        <translation>点击“应用这些变更”之前，不会做任何修改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The schedule is already the best found; there is nothing to change.</source>
        <translation>当前排期已是找到的最佳方案，无需修改。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The auto-schedule failed: {error}</source>
        <translation>自动排期失败：{error}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the best possible plan</source>
        <translation>最优方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the best plan found within the time limit</source>
        <translation>时限内找到的最佳方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a quick plan (the solver found nothing better in time)</source>
        <translation>快速方案（求解器在时限内未找到更好的方案）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no requests are waiting</source>
        <translation>没有待排期的申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;{new}&lt;/b&gt; new, &lt;b&gt;{moved}&lt;/b&gt; moved, {unchanged} unchanged, &lt;b&gt;{unscheduled}&lt;/b&gt; cannot be scheduled, &lt;b&gt;{late}&lt;/b&gt; late — {quality}.</source>
        <translation>新增 &lt;b&gt;{new}&lt;/b&gt; 场，调整 &lt;b&gt;{moved}&lt;/b&gt; 场，不变 {unchanged} 场，无法排期 &lt;b&gt;{unscheduled}&lt;/b&gt; 件，超期 &lt;b&gt;{late}&lt;/b&gt; 件 —— {quality}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>After applying: joint acceptance rate {joint:.0%}; the projects receive {joint_trips} visits instead of {separate} ({saved:.0f}% fewer); {trips} department trips; mean wait {wait:.1f} working days.</source>
        <translation>应用后：联合验收率 {joint:.0%}；项目接受现场验收 {joint_trips} 次，分散验收需 {separate} 次（减少 {saved:.0f}%）；部门出车 {trips} 趟；平均等待 {wait:.1f} 个工作日。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Auto-schedule: {new} new, {moved} moved</source>
        <translation>自动排期：新增 {new} 场，调整 {moved} 场</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applied: {new} new, {moved} moved, {cancelled} cancelled. Undo (Ctrl+Z) restores the previous schedule.</source>
        <translation>已应用：新增 {new} 场，调整 {moved} 场，取消 {cancelled} 场。撤销（Ctrl+Z）可恢复原排期。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/dialogs/schedule_preview.py" line="+37"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New time</source>
        <translation>新时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previously</source>
        <translation>原时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Visits that move ({count})</source>
        <translation>调整时间的现场验收（{count} 场）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New visits ({count})</source>
        <translation>新增的现场验收（{count} 场）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Requests that cannot be scheduled ({count})</source>
        <translation>无法排期的申请（{count} 件）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not scheduled</source>
        <translation>未能排期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Visits that would be cancelled ({count})</source>
        <translation>将被取消的现场验收（{count} 场）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+70"/>
        <source>Its time no longer works: {reason}</source>
        <translation>原定时间已不可行：{reason}</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Notes ({count})</source>
        <translation>提示（{count} 条）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unchanged visits ({count})</source>
        <translation>不变的现场验收（{count} 场）</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>(late)</source>
        <translation>（超期）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(separate visit)</source>
        <translation>（单独验收）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Already published: the departments will receive the change.</source>
        <translation>已发布：各部门将收到此次变更。</translation>
    </message>
</context>
<context>
    <name>ScheduleActions</name>
    <message>
        <location filename="../../desktop_app/ui/schedule_actions.py" line="+37"/>
        <source>&amp;Schedule</source>
        <translation>排期(&amp;S)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Auto-schedule…</source>
        <translation>自动排期…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move visit…</source>
        <translation>调整现场验收…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock visit</source>
        <translation>锁定现场验收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock visit</source>
        <translation>解锁现场验收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel visit…</source>
        <translation>取消现场验收…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark visit published</source>
        <translation>标记为已发布</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publish…</source>
        <translation>发布…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select a visit in the calendar first.</source>
        <translation>请先在排期日历中选择一场现场验收。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Cancel visit</source>
        <translation>取消现场验收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the visit of {project} on {when}? It leaves the departments&apos; calendars at the next publish. You can undo this.</source>
        <translation>取消 {project} 于 {when} 的现场验收？下次发布时将从各部门日历中移除。此操作可以撤销。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Move refused: {reason}</source>
        <translation>无法调整：{reason}</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../desktop_app/ui/pages/settings_page.py" line="+50"/>
        <source>Bureau name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start times every</source>
        <translation>开始时间间隔</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <location line="+10"/>
        <location line="+19"/>
        <location line="+1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Opening and closing allowance</source>
        <translation>开场与总结用时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline after the application</source>
        <translation>申请后验收期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+39"/>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Notice for departments</source>
        <translation>提前通知部门</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search past the deadline</source>
        <translation>超期后继续查找</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default visits per department and day</source>
        <translation>部门每日默认验收上限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default travel between places</source>
        <translation>地点间默认路程</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+52"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+147"/>
        <source>Export folder</source>
        <translation>导出文件夹</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>CalDAV server URL</source>
        <translation>CalDAV 服务器地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CalDAV user name</source>
        <translation>CalDAV 用户名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Empty: the CalDAV server of publishing</source>
        <translation>留空：使用发布用的 CalDAV 服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City CalDAV server</source>
        <translation>市级 CalDAV 服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Empty: the CalDAV user name of publishing</source>
        <translation>留空：使用发布用的 CalDAV 用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This bureau&apos;s account</source>
        <translation>本局账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Travel to another bureau&apos;s unknown place</source>
        <translation>往返其他分局未知地点的路程</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>each calendar&apos;s own</source>
        <translation>按各日历自身设定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How often busy-time calendars are read again. 0: each calendar&apos;s own refresh interval (REFRESH-INTERVAL), else every hour.</source>
        <translation>忙碌时间日历多久重新读取一次。0：按各日历自身的刷新间隔（REFRESH-INTERVAL），未设定则每小时一次。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh busy-time calendars every</source>
        <translation>忙碌时间日历刷新间隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh them in the background while the program is open</source>
        <translation>程序运行时在后台自动刷新</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time for the owner&apos;s rectification</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-inspection after the owner&apos;s report</source>
        <translation>整改报告后复验期限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The joint acceptance opinion&apos;s document number: {year} is the year, {number} the opinion&apos;s sequence number in that year</source>
        <translation>联合验收意见书的文号：{year} 为年份，{number} 为当年意见书的序号</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opinion number</source>
        <translation>意见书文号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Empty: the computer&apos;s user name ({name})</source>
        <translation>留空则使用本机用户名（{name}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clerk&apos;s name in the history</source>
        <translation>历史记录中的经办人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The bureau&apos;s PKCS#12 file (.p12/.pfx), for the electronic seal</source>
        <translation>本局的 PKCS#12 证书文件（.p12/.pfx），用于电子签章</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+119"/>
        <source>Signing certificate</source>
        <translation>签章证书</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bureau</source>
        <translation>本局信息</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scheduling rules</source>
        <translation>排期规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publishing</source>
        <translation>发布</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After the visit</source>
        <translation>验收后续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City departments shared with other bureaus</source>
        <translation>与其他分局共享的市级部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every change is saved as soon as you leave the field and can be undone (Ctrl+Z).</source>
        <translation>离开输入框即自动保存，可撤销（Ctrl+Z）。</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>e.g. {example}</source>
        <translation>示例：{example}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>PKCS#12 certificates (*.p12 *.pfx)</source>
        <translation>PKCS#12 证书 (*.p12 *.pfx)</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../desktop_app/ui/controllers/workspace.py" line="+153"/>
        <source>Delete request {code}</source>
        <translation>删除申请 {code}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New request {code}</source>
        <translation>新建申请 {code}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit request {code}</source>
        <translation>编辑申请 {code}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change department {code}</source>
        <translation>修改部门 {code}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change item {code}</source>
        <translation>修改验收事项 {code}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change place {code}</source>
        <translation>修改地点 {code}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Travel {first} – {second}</source>
        <translation>路程 {first} – {second}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Calendar {date}</source>
        <translation>日历 {date}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change settings</source>
        <translation>修改设置</translation>
    </message>
</context>
</TS>
