package th.or.dga.budgetbot.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import th.or.dga.budgetbot.agency.AgencyProblems.CsvNotUtf8;
import th.or.dga.budgetbot.agency.AgencyProblems.ImportTooLarge;

class CsvUploadTest {

	@Test
	void skipsTheByteOrderMarkOfExcelsCsvUtf8() throws Exception {
		byte[] csv = "\uFEFFagency,title\nDGA,ระบบ\n".getBytes(StandardCharsets.UTF_8);

		assertThat(CsvUpload.text(new ByteArrayInputStream(csv), csv.length, 1000)).isEqualTo("agency,title\nDGA,ระบบ\n");
	}

	@Test
	void refusesTis620NamingTheLineAndHowToSaveAsCsvUtf8() {
		byte[] csv = "agency,title\nDGA,ระบบ\n".getBytes(Charset.forName("TIS-620"));

		assertThatThrownBy(() -> CsvUpload.text(new ByteArrayInputStream(csv), -1, 1000)).isInstanceOf(CsvNotUtf8.class)
			.hasMessageContaining("line 2")
			.hasMessageContaining("CSV UTF-8");
	}

	@Test
	void refusesUtf16() {
		byte[] csv = "agency,title\n".getBytes(StandardCharsets.UTF_16LE);
		byte[] withBom = new byte[csv.length + 2];
		withBom[0] = (byte) 0xFF;
		withBom[1] = (byte) 0xFE;
		System.arraycopy(csv, 0, withBom, 2, csv.length);

		assertThatThrownBy(() -> CsvUpload.text(new ByteArrayInputStream(withBom), -1, 1000)).isInstanceOf(CsvNotUtf8.class);
	}

	@Test
	void refusesADeclaredLengthOverTheLimitWithoutReading() {
		InputStream neverRead = new InputStream() {
			@Override
			public int read() {
				throw new AssertionError("read although the declared length is over the limit");
			}
		};

		assertThatThrownBy(() -> CsvUpload.text(neverRead, 1001, 1000)).isInstanceOf(ImportTooLarge.class);
	}

	@Test
	void stopsReadingAnUndeclaredBodyJustPastTheLimit() {
		CountingStream endless = new CountingStream();

		assertThatThrownBy(() -> CsvUpload.text(endless, -1, 1000)).isInstanceOf(ImportTooLarge.class);
		assertThat(endless.read).isLessThanOrEqualTo(1001 + 8192);
	}

	/** An endless body of commas that counts what was read of it. */
	static final class CountingStream extends InputStream {

		long read;

		@Override
		public int read() {
			read++;
			return ',';
		}

		@Override
		public int read(byte[] b, int off, int len) {
			java.util.Arrays.fill(b, off, off + len, (byte) ',');
			read += len;
			return len;
		}

	}

}
