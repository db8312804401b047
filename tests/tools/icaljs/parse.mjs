// Reads iCalendar files with Mozilla's ical.js (the engine of Thunderbird) and prints what a
// calendar client would see, as JSON, for the Python tests to compare with the database.
// Usage: node parse.mjs FILE...   Exit status 1 with the parser's message if a file does not parse.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function describe(path) {
  const text = readFileSync(path, "utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  const timezones = calendar.getAllSubcomponents("vtimezone").map((zone) => {
    const timezone = new ICAL.Timezone(zone);
    ICAL.TimezoneService.register(timezone);
    return timezone.tzid;
  });
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const timed = (name) => {
      const property = component.getFirstProperty(name);
      if (!property) return null;
      const value = property.getFirstValue();
      return {
        tzid: property.getParameter("tzid") || null,
        local: value.toString(),
        utc: value.toJSDate().toISOString(),
        zone: value.zone ? value.zone.tzid : null,
      };
    };
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      description: event.description,
      sequence: event.sequence,
      status: component.getFirstPropertyValue("status"),
      categories: component.getAllProperties("categories").flatMap((p) => p.getValues()),
      organizer: component.getFirstPropertyValue("organizer"),
      organizer_cn: component.getFirstProperty("organizer")?.getParameter("cn") ?? null,
      attendees: component.getAllProperties("attendee").map((p) => ({
        value: p.getFirstValue(), cn: p.getParameter("cn"), role: p.getParameter("role"),
        rsvp: p.getParameter("rsvp"), partstat: p.getParameter("partstat"),
        schedule_agent: p.getParameter("schedule-agent") ?? null, cutype: p.getParameter("cutype"),
      })),
      dtstart: timed("dtstart"),
      dtend: timed("dtend"),
      dtstamp: component.getFirstPropertyValue("dtstamp").toString(),
      alarms: component.getAllSubcomponents("valarm").map((a) => a.getFirstPropertyValue("trigger").toString()),
    };
  });
  return {
    path,
    method: calendar.getFirstPropertyValue("method"),
    calname: calendar.getFirstPropertyValue("x-wr-calname"),
    timezone: calendar.getFirstPropertyValue("x-wr-timezone"),
    refresh: calendar.getFirstPropertyValue("refresh-interval")?.toString() ?? null,
    timezones,
    events,
  };
}

const results = [];
for (const path of process.argv.slice(2)) {
  try {
    results.push(describe(path));
  } catch (error) {
    process.stderr.write(`${path}: ${error.message}\n`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(results));
