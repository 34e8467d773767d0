package th.or.dga.budgetbot.line;

import java.util.ArrayList;
import java.util.List;

import com.linecorp.bot.model.message.flex.component.Box;
import com.linecorp.bot.model.message.flex.component.FlexComponent;
import com.linecorp.bot.model.message.flex.component.Separator;
import com.linecorp.bot.model.message.flex.component.Text;
import com.linecorp.bot.model.message.flex.container.Bubble;
import com.linecorp.bot.model.message.flex.container.Carousel;
import com.linecorp.bot.model.message.flex.container.FlexContainer;
import com.linecorp.bot.model.message.flex.unit.FlexFontSize;
import com.linecorp.bot.model.message.flex.unit.FlexLayout;
import com.linecorp.bot.model.message.flex.unit.FlexMarginSize;

import th.or.dga.budgetbot.conversation.StatusCard;
import th.or.dga.budgetbot.language.Language;

/** Budget-request cards as a Flex carousel: one bubble a request, at most 12 (LINE's limit). */
final class StatusCards {

	static final int MAX_BUBBLES = 12;

	private StatusCards() {
	}

	static FlexContainer carousel(List<StatusCard> cards, Language language) {
		List<Bubble> bubbles = cards.stream().limit(MAX_BUBBLES).map(card -> bubble(card, language)).toList();
		return Carousel.builder().contents(bubbles).build();
	}

	private static Bubble bubble(StatusCard card, Language language) {
		boolean en = language == Language.EN;
		List<FlexComponent> body = new ArrayList<>();
		body.add(text(card.requestId() + " · " + card.fiscalYear(), FlexFontSize.XS, "#888888", false));
		body.add(text(card.title(), FlexFontSize.Md, "#111111", true));
		body.add(Separator.builder().margin(FlexMarginSize.MD).build());
		body.add(row(en ? "Status" : "สถานะ", card.status()));
		body.add(row(en ? "Requested" : "วงเงินที่ขอ", card.amount()));
		if (card.allocated() != null) {
			body.add(row(en ? "Allocated" : "ได้รับจัดสรร", card.allocated()));
		}
		body.add(row(en ? "Last change" : "อัปเดตล่าสุด", card.lastChange()));
		if (card.programmeNote() != null) {
			body.add(Separator.builder().margin(FlexMarginSize.MD).build());
			body.add(text(card.programmeNote(), FlexFontSize.XS, "#B35C00", false));
		}
		return Bubble.builder()
			.body(Box.builder().layout(FlexLayout.VERTICAL).spacing(FlexMarginSize.SM).contents(body).build())
			.build();
	}

	private static Box row(String label, String value) {
		return Box.builder()
			.layout(FlexLayout.BASELINE)
			.spacing(FlexMarginSize.SM)
			.contents(List.of(Text.builder().text(label).size(FlexFontSize.XS).color("#888888").flex(2).build(),
					Text.builder().text(value).size(FlexFontSize.SM).color("#111111").wrap(true).flex(4).build()))
			.build();
	}

	private static Text text(String value, FlexFontSize size, String color, boolean bold) {
		Text.TextBuilder builder = Text.builder().text(value).size(size).color(color).wrap(true);
		if (bold) {
			builder.weight(Text.TextWeight.BOLD);
		}
		return builder.build();
	}

}
