package th.or.dga.budgetbot.agency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import th.or.dga.budgetbot.agency.AgencyProblems.CsvNotUtf8;
import th.or.dga.budgetbot.agency.AgencyProblems.ImportTooLarge;

/**
 * The text of an uploaded CSV: at most so many bytes, refused from the declared length before
 * anything is read and while reading when no length is declared; strictly UTF-8, with the
 * byte-order mark that Excel's "CSV UTF-8" writes skipped. Text in another encoding is refused
 * rather than stored as garbage.
 */
final class CsvUpload {

	private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private CsvUpload() {
	}

	/**
	 * @param declaredLength the Content-Length or the part's size, or -1 if unknown
	 * @throws ImportTooLarge over {@code maxBytes}
	 * @throws CsvNotUtf8 with the line of the first byte that is not UTF-8
	 */
	static String text(InputStream in, long declaredLength, long maxBytes) throws IOException {
		int max = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
		if (declaredLength > max) {
			throw tooLarge(max);
		}
		byte[] bytes = in.readNBytes(max + 1);
		if (bytes.length > max) {
			throw tooLarge(max);
		}
		return decode(bytes);
	}

	private static ImportTooLarge tooLarge(int max) {
		return new ImportTooLarge("the file is larger than the limit of " + max + " bytes (app.agency.import-max-size)");
	}

	static String decode(byte[] bytes) {
		int start = startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
		if (startsWith(bytes, new byte[] { (byte) 0xFF, (byte) 0xFE }) || startsWith(bytes, new byte[] { (byte) 0xFE, (byte) 0xFF })) {
			throw new CsvNotUtf8("it is UTF-16, as Excel's 'Unicode Text' writes");
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
		CharBuffer out = CharBuffer.allocate(bytes.length - start);
		CoderResult result = decoder.decode(in, out, true);
		if (!result.isError()) {
			result = decoder.flush(out);
		}
		if (result.isError()) {
			throw new CsvNotUtf8("byte " + (in.position() + 1) + ", on line " + lineOf(bytes, in.position()));
		}
		return out.flip().toString();
	}

	private static int lineOf(byte[] bytes, int position) {
		int line = 1;
		for (int i = 0; i < position; i++) {
			if (bytes[i] == '\n') {
				line++;
			}
		}
		return line;
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
