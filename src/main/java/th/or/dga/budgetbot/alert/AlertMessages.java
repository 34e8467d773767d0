package th.or.dga.budgetbot.alert;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import th.or.dga.budgetbot.calendar.FiscalYear;
import th.or.dga.budgetbot.calendar.ThaiDates;
import th.or.dga.budgetbot.language.Language;

/**
 * The LINE messages of alerts: one text naming every allocation, with a รับทราบ (acknowledge)
 * quick reply whose postback carries a short token, not the notice id (LINE allows 300
 * characters of postback data; a derived id can be longer).
 */
final class AlertMessages {

	static final String ACK = "ack";

	static final String ACK_LABEL = "รับทราบ";

	/** More would crowd the message; the rest are counted. */
	static final int MAX_LISTED = 10;

	static final int MAX_TITLE = 100;

	/** LINE's limit on a text message. */
	static final int MAX_TEXT = 5000;

	private AlertMessages() {
	}

	static String allocationText(List<PendingAllocation> allocations, ZoneId zone) {
		StringBuilder text = new StringBuilder();
		if (allocations.size() == 1) {
			PendingAllocation a = allocations.get(0);
			text.append("แจ้งผลการจัดสรรงบประมาณ\n")
				.append("คำขอ ").append(a.requestId()).append(": ").append(title(a.title())).append('\n')
				.append("จัดสรร ").append(baht(a.amount())).append('\n')
				.append("เมื่อ ").append(ThaiDates.format(a.at().atZone(zone).toLocalDate(), Language.TH));
		}
		else {
			text.append("แจ้งผลการจัดสรรงบประมาณ ").append(allocations.size()).append(" รายการ");
			for (int i = 0; i < allocations.size() && i < MAX_LISTED; i++) {
				PendingAllocation a = allocations.get(i);
				text.append('\n').append(i + 1).append(". คำขอ ").append(a.requestId()).append(": ").append(title(a.title()))
					.append(" จัดสรร ").append(baht(a.amount())).append(" เมื่อ ")
					.append(ThaiDates.format(a.at().atZone(zone).toLocalDate(), Language.TH));
			}
			if (allocations.size() > MAX_LISTED) {
				text.append("\nและอีก ").append(allocations.size() - MAX_LISTED).append(" รายการ");
			}
		}
		text.append("\nกด \"").append(ACK_LABEL).append("\" เพื่อแจ้งว่าหน่วยงานได้รับทราบแล้ว");
		return text.toString();
	}

	/** The resend of an alert nobody acknowledged. */
	static String reminderText(String original) {
		return "แจ้งซ้ำ: ยังไม่มีผู้รับทราบการแจ้งเตือนนี้\n" + original;
	}

	/** One text message with the รับทราบ quick reply. */
	static ArrayNode withAcknowledgement(String text, String token) {
		JsonNodeFactory f = JsonNodeFactory.instance;
		ArrayNode messages = f.arrayNode();
		ObjectNode message = messages.addObject().put("type", "text").put("text", clip(text));
		ObjectNode action = message.putObject("quickReply").putArray("items").addObject().put("type", "action").putObject("action");
		action.put("type", "postback").put("label", ACK_LABEL).put("data", ACK + "=" + token).put("displayText", ACK_LABEL);
		return messages;
	}

	/** The quick reply that asks the bot where the agency's requests stand. */
	static final String STATUS_LABEL = "สถานะคำขอของเรา";

	static final String STATUS_TEXT = "สถานะคำขอของหน่วยงานเรา";

	/** A deadline reminder: the year, the deadline in Bangkok time, the time left; Thai, then English. */
	static String deadlineText(FiscalYear year, Duration left, boolean asksForAcknowledgement) {
		StringBuilder text = new StringBuilder()
			.append("เตือนกำหนดส่งคำขอตั้งงบประมาณ ปีงบประมาณ ").append(year.year()).append('\n')
			.append("ปิดรับคำขอ ").append(ThaiDates.format(year.closes(), Language.TH))
			.append(" (เหลืออีก ").append(ThaiDates.timeLeft(left, Language.TH)).append(")\n")
			.append("หน่วยงานของท่านยังไม่ได้ยื่นคำขอสำหรับปีนี้ กด \"").append(STATUS_LABEL).append("\" เพื่อดูสถานะคำขอ\n")
			.append("Reminder: FY").append(year.year()).append(" budget requests close ")
			.append(ThaiDates.format(year.closes(), Language.EN)).append(", ")
			.append(ThaiDates.timeLeft(left, Language.EN)).append(" left.");
		if (asksForAcknowledgement) {
			text.append("\nกด \"").append(ACK_LABEL).append("\" เพื่อแจ้งว่าหน่วยงานได้รับทราบแล้ว");
		}
		return text.toString();
	}

	/** One text message with a quick reply that asks for the agency's status, and รับทราบ if {@code token} is given. */
	static ArrayNode deadlineReminder(String text, String token) {
		ArrayNode messages = token == null ? plain(text) : withAcknowledgement(text, token);
		ObjectNode message = (ObjectNode) messages.get(0);
		ObjectNode quickReply = message.has("quickReply") ? (ObjectNode) message.get("quickReply")
				: message.putObject("quickReply");
		ArrayNode items = quickReply.has("items") ? (ArrayNode) quickReply.get("items") : quickReply.putArray("items");
		items.insertObject(0).put("type", "action").putObject("action").put("type", "message").put("label", STATUS_LABEL)
			.put("text", STATUS_TEXT);
		return messages;
	}

	private static ArrayNode plain(String text) {
		ArrayNode messages = JsonNodeFactory.instance.arrayNode();
		messages.addObject().put("type", "text").put("text", clip(text));
		return messages;
	}

	/** "1,250,000.00 บาท". */
	static String baht(BigDecimal amount) {
		DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
		return format.format(amount) + " บาท";
	}

	private static String title(String title) {
		if (title == null) {
			return "";
		}
		return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE) + "…";
	}

	private static String clip(String text) {
		return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
	}

}
