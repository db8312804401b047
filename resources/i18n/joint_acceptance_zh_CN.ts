<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <location line="+19"/>
        <source>Busy time comes from the department&apos;s iCalendar files or feed addresses (.ics, http, https, webcal). A failed refresh keeps the last good copy.</source>
        <translation>忙碌时间来自部门提供的 iCalendar 文件或订阅地址（.ics、http、https、webcal）。更新失败时继续使用上一次成功获取的副本。</translation>
    </message>
    <message>
        <location line="+15"/>
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
        <location line="+1"/>
        <source>Feed address (https://… or webcal://…)</source>
        <translation>订阅地址（https://… 或 webcal://…）</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location line="+2"/>
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
        <location filename="../../desktop_app/ui/controllers/availability_edits.py" line="+33"/>
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
        <location line="+40"/>
        <source>Add busy-time source for {department}</source>
        <translation>为 {department} 添加忙碌时间来源</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove busy-time source for {department}</source>
        <translation>移除 {department} 的忙碌时间来源</translation>
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
        <location filename="../../desktop_app/ui/calendar/calendar_page.py" line="+82"/>
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
        <location line="+34"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+8"/>
        <source>{visits} visits, {planned} not yet published, {late} late, {conflicts} with conflicts; {lanes} departments shown. Drag a visit along its lane to propose a new time.</source>
        <translation>共 {visits} 场现场验收，{planned} 场未发布，{late} 场超期，{conflicts} 场有冲突；显示 {lanes} 个部门。沿部门行拖动验收块可提出新的时间。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Select a visit to see its project, departments, items and status.</source>
        <translation>选择一场现场验收，查看项目、部门、事项和状态。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Move refused: {reason}</source>
        <translation>无法调整：{reason}</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+10"/>
        <source>Departments ({count})</source>
        <translation>参加部门（{count} 个）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acceptance items ({count})</source>
        <translation>验收事项（{count} 项）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/calendar/calendar_view.py" line="+90"/>
        <source>Place: {place}</source>
        <translation>地点：{place}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Departments: {names}</source>
        <translation>参加部门：{names}</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · locked</source>
        <translation> · 已锁定</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Late: the deadline was {date}</source>
        <translation>已超期：验收期限为 {date}</translation>
    </message>
    <message>
        <location line="+157"/>
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
        <location line="+219"/>
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
        <location line="+113"/>
        <source>Make-up working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <location line="+77"/>
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
        <location line="+47"/>
        <location line="+10"/>
        <location line="+74"/>
        <location line="+50"/>
        <location line="+7"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="-187"/>
        <location line="+46"/>
        <location line="+10"/>
        <source>Item</source>
        <translation>验收事项</translation>
    </message>
    <message>
        <location line="-55"/>
        <location line="+56"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+54"/>
        <source>Minutes</source>
        <translation>时长（分钟）</translation>
    </message>
    <message>
        <location line="-52"/>
        <location line="+53"/>
        <source>Materials</source>
        <translation>所需材料</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+129"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="-128"/>
        <location line="+129"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="-128"/>
        <location line="+129"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Delete item</source>
        <translation>删除验收事项</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_model.py" line="+167"/>
        <source>Delete {name}? You can undo this.</source>
        <translation>删除“{name}”？此操作可以撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/pages/catalog_pages.py" line="+16"/>
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
    <name>Dashboard</name>
    <message>
        <location filename="../../desktop_app/ui/pages/dashboard_page.py" line="+85"/>
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
        <location line="+83"/>
        <source>Conflicts: visits whose departments are no longer all free ({count})</source>
        <translation>排期冲突：参加部门已不能全部到场的现场验收（{count} 场）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None: every planned or published visit still fits its departments&apos; time.</source>
        <translation>无：所有已排期和已发布的现场验收仍在各部门的可用时间内。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/pages/dashboard_charts.py" line="+102"/>
        <source>Visits per week (Monday; * = this week)</source>
        <translation>每周现场验收（按周一日期；* 为本周）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/pages/dashboard_page.py" line="-88"/>
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
        <location line="+46"/>
        <source>{bureau} — {date}</source>
        <translation>{bureau} — {date}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{joint} visits instead of {separate} separate ones</source>
        <translation>联合验收 {joint} 场，分散验收需 {separate} 场</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{departments} departments, {items} acceptance items, {places} places, {overrides} holiday overrides.</source>
        <translation>部门 {departments} 个，验收事项 {items} 项，地点 {places} 个，节假日调整 {overrides} 条。</translation>
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
        <location line="+146"/>
        <location line="+15"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="-160"/>
        <location line="+145"/>
        <location line="+15"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-159"/>
        <location line="+160"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="-159"/>
        <location line="+159"/>
        <source>Base</source>
        <translation>驻地</translation>
    </message>
    <message>
        <location line="-158"/>
        <location line="+159"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="-158"/>
        <location line="+158"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="-157"/>
        <location line="+158"/>
        <source>Visits per day</source>
        <translation>每日验收上限</translation>
    </message>
    <message>
        <location line="-156"/>
        <source>Office hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <location line="+15"/>
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
        <location line="+7"/>
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
    <name>Format</name>
    <message>
        <location filename="../../desktop_app/ui/widgets/formatting.py" line="+65"/>
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
        <source>Accepted</source>
        <translation>已验收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location filename="../../desktop_app/ui/main_window.py" line="+62"/>
        <source>Joint Acceptance Scheduler</source>
        <translation>联合验收排期</translation>
    </message>
    <message>
        <location line="+21"/>
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
        <location line="+88"/>
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
        <location line="+7"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+165"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Holiday calendar not confirmed for {years}</source>
        <translation>{years} 年节假日安排尚未确认</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+66"/>
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
    <message>
        <location line="+3"/>
        <source>Joint Acceptance Scheduler: one on-site visit by every department a finished construction project needs.
Today: {date}</source>
        <translation>联合验收排期：竣工项目所需的各部门一次联合现场验收。
今天：{date}</translation>
    </message>
</context>
<context>
    <name>Move</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/move_dialog.py" line="+36"/>
        <source>Move a visit</source>
        <translation>调整现场验收时间</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+30"/>
        <source>Now: {when}, {place}</source>
        <translation>当前：{when}，{place}</translation>
    </message>
    <message>
        <location line="+10"/>
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
        <location filename="../../desktop_app/ui/dialogs/print_dialog.py" line="+41"/>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <location line="+36"/>
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
        <location line="+19"/>
        <source>the bureau (all departments)</source>
        <translation>本局（全部部门）</translation>
    </message>
    <message>
        <location line="+18"/>
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
        <location line="+23"/>
        <source>Select at least one request with a visit.</source>
        <translation>请至少选择一件已安排现场验收的申请。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Notices {codes}</source>
        <translation>告知书 {codes}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day sheet {date}</source>
        <translation>日程单 {date}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Week overview {date}</source>
        <translation>一周安排 {date}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Saved {pages} page(s) to {path}</source>
        <translation>已将 {pages} 页保存到 {path}</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location filename="../../desktop_app/ui/dialogs/publish_dialog.py" line="+95"/>
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
    <name>RequestDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/request_dialog.py" line="+37"/>
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
        <location line="+15"/>
        <source>Acceptance item</source>
        <translation>验收事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+12"/>
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
        <location line="+44"/>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <location line="+55"/>
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
        <location filename="../../desktop_app/ui/pages/requests_page.py" line="+35"/>
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
        <location line="+102"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="-101"/>
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
        <location line="+94"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>Scheduled visit</source>
        <translation>现场验收时间</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Search code, project, owner, place, items…</source>
        <translation>搜索编码、项目、建设单位、地点、事项…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Late only</source>
        <translation>仅超期</translation>
    </message>
    <message>
        <location line="+19"/>
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
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
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
        <location line="+38"/>
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
        <location line="+17"/>
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
        <location line="+41"/>
        <source>Move refused: {reason}</source>
        <translation>无法调整：{reason}</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../desktop_app/ui/pages/settings_page.py" line="+47"/>
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
        <location line="+9"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="-10"/>
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
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <location line="-3"/>
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
        <location line="+1"/>
        <source>Default travel between places</source>
        <translation>地点间默认路程</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+91"/>
        <source>Export folder</source>
        <translation>导出文件夹</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>CalDAV server URL</source>
        <translation>CalDAV 服务器地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CalDAV user name</source>
        <translation>CalDAV 用户名</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every change is saved as soon as you leave the field and can be undone (Ctrl+Z).</source>
        <translation>离开输入框即自动保存，可撤销（Ctrl+Z）。</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../desktop_app/ui/controllers/workspace.py" line="+127"/>
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
