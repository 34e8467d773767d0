package th.or.dga.budgetbot.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class WebhookBodyTest {

	@Test
	void readsABodyOfExactlyTheLimit() throws Exception {
		assertThat(WebhookBody.read(request(new byte[100], 100), 100)).hasSize(100);
		assertThat(WebhookBody.read(request(new byte[100], -1), 100)).hasSize(100);
	}

	@Test
	void refusesALargerContentLengthWithoutReadingAByte() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/callback") {
			@Override
			public long getContentLengthLong() {
				return 101;
			}

			@Override
			public ServletInputStream getInputStream() {
				throw new AssertionError("the body was read");
			}
		};

		assertThatThrownBy(() -> WebhookBody.read(request, 100)).isInstanceOf(WebhookBodyTooLarge.class);
	}

	@Test
	void stopsReadingABodyWithoutLengthOneByteAfterTheLimit() {
		CountingStream endless = new CountingStream();
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/callback") {
			@Override
			public ServletInputStream getInputStream() {
				return endless;
			}
		};

		assertThatThrownBy(() -> WebhookBody.read(request, 100)).isInstanceOf(WebhookBodyTooLarge.class)
			.hasMessageContaining("100 bytes");
		assertThat(endless.read).isEqualTo(101);
	}

	private static MockHttpServletRequest request(byte[] body, long contentLength) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/callback") {
			@Override
			public long getContentLengthLong() {
				return contentLength;
			}
		};
		request.setContent(body);
		return request;
	}

	/** A body without end that counts what was taken from it. */
	private static final class CountingStream extends ServletInputStream {

		long read;

		@Override
		public int read() {
			read++;
			return 'x';
		}

		@Override
		public boolean isFinished() {
			return false;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
		}

	}

}
