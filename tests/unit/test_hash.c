/*
 * test_hash.c - the keyed hash that places keys in buckets.
 *
 * SipHash-2-4 is checked against the paper's worked example and the 64
 * reference vectors (key 00..0f, message 00..len-1 for len 0..63) of the
 * authors' reference implementation. SipHash-1-3, which tables use, is
 * checked against the same 64-message set as published by the Rust project
 * (core::hash::sip tests), which an independent implementation reproduced
 * when these vectors were written down. Then the properties the table
 * relies on: determinism, sensitivity to every key and message bit, no
 * alignment dependence, a fresh random seed per table, a stable hash across
 * fork(), and an even spread of sequential keys over the buckets.
 */
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shmt_hash.h"
#include "unit.h"

static const uint64_t sip24_vectors[64] = {
	0x726fdb47dd0e0e31ULL, 0x74f839c593dc67fdULL, 0x0d6c8009d9a94f5aULL, 0x85676696d7fb7e2dULL,
	0xcf2794e0277187b7ULL, 0x18765564cd99a68dULL, 0xcbc9466e58fee3ceULL, 0xab0200f58b01d137ULL,
	0x93f5f5799a932462ULL, 0x9e0082df0ba9e4b0ULL, 0x7a5dbbc594ddb9f3ULL, 0xf4b32f46226bada7ULL,
	0x751e8fbc860ee5fbULL, 0x14ea5627c0843d90ULL, 0xf723ca908e7af2eeULL, 0xa129ca6149be45e5ULL,
	0x3f2acc7f57c29bdbULL, 0x699ae9f52cbe4794ULL, 0x4bc1b3f0968dd39cULL, 0xbb6dc91da77961bdULL,
	0xbed65cf21aa2ee98ULL, 0xd0f2cbb02e3b67c7ULL, 0x93536795e3a33e88ULL, 0xa80c038ccd5ccec8ULL,
	0xb8ad50c6f649af94ULL, 0xbce192de8a85b8eaULL, 0x17d835b85bbb15f3ULL, 0x2f2e6163076bcfadULL,
	0xde4daaaca71dc9a5ULL, 0xa6a2506687956571ULL, 0xad87a3535c49ef28ULL, 0x32d892fad841c342ULL,
	0x7127512f72f27cceULL, 0xa7f32346f95978e3ULL, 0x12e0b01abb051238ULL, 0x15e034d40fa197aeULL,
	0x314dffbe0815a3b4ULL, 0x027990f029623981ULL, 0xcadcd4e59ef40c4dULL, 0x9abfd8766a33735cULL,
	0x0e3ea96b5304a7d0ULL, 0xad0c42d6fc585992ULL, 0x187306c89bc215a9ULL, 0xd4a60abcf3792b95ULL,
	0xf935451de4f21df2ULL, 0xa9538f0419755787ULL, 0xdb9acddff56ca510ULL, 0xd06c98cd5c0975ebULL,
	0xe612a3cb9ecba951ULL, 0xc766e62cfcadaf96ULL, 0xee64435a9752fe72ULL, 0xa192d576b245165aULL,
	0x0a8787bf8ecb74b2ULL, 0x81b3e73d20b49b6fULL, 0x7fa8220ba3b2eceaULL, 0x245731c13ca42499ULL,
	0xb78dbfaf3a8d83bdULL, 0xea1ad565322a1a0bULL, 0x60e61c23a3795013ULL, 0x6606d7e446282b93ULL,
	0x6ca4ecb15c5f91e1ULL, 0x9f626da15c9625f3ULL, 0xe51b38608ef25f57ULL, 0x958a324ceb064572ULL,
};

static const uint64_t sip13_vectors[64] = {
	0xabac0158050fc4dcULL, 0xc9f49bf37d57ca93ULL, 0x82cb9b024dc7d44dULL, 0x8bf80ab8e7ddf7fbULL,
	0xcf75576088d38328ULL, 0xdef9d52f49533b67ULL, 0xc50d2b50c59f22a7ULL, 0xd3927d989bb11140ULL,
	0x369095118d299a8eULL, 0x25a48eb36c063de4ULL, 0x79de85ee92ff097fULL, 0x70c118c1f94dc352ULL,
	0x78a384b157b4d9a2ULL, 0x306f760c1229ffa7ULL, 0x605aa111c0f95d34ULL, 0xd320d86d2a519956ULL,
	0xcc4fdd1a7d908b66ULL, 0x9cf2689063dbd80cULL, 0x8ffc389cb473e63eULL, 0xf21f9de58d297d1cULL,
	0xc0dc2f46a6cce040ULL, 0xb992abfe2b45f844ULL, 0x7ffe7b9ba320872eULL, 0x525a0e7fdae6c123ULL,
	0xf464aeb267349c8cULL, 0x45cd5928705b0979ULL, 0x3a3e35e3ca9913a5ULL, 0xa91dc74e4ade3b35ULL,
	0xfb0bed02ef6cd00dULL, 0x88d93cb44ab1e1f4ULL, 0x540f11d643c5e663ULL, 0x2370dd1f8c21d1bcULL,
	0x81157b6c16a7b60dULL, 0x4d54b9e57a8ff9bfULL, 0x759f12781f2a753eULL, 0xcea1a3bebf186b91ULL,
	0x2cf508d3ada26206ULL, 0xb6101c2da3c33057ULL, 0xb3f47496ae3a36a1ULL, 0x626b57547b108392ULL,
	0xc1d2363299e41531ULL, 0x667cc1923f1ad944ULL, 0x65704ffec8138825ULL, 0x24f280d1c28949a6ULL,
	0xc2ca1cedfaf8876bULL, 0xc2164bfc9f042196ULL, 0xa16e9c9368b1d623ULL, 0x49fb169c8b5114fdULL,
	0x9f3143f8df074c46ULL, 0xc6fdaf2412cc86b3ULL, 0x7eaf49d10a52098fULL, 0x1cf313559d292f9aULL,
	0xc44a30dda2f41f12ULL, 0x36fae98943a71ed0ULL, 0x318fb34c73f0bce6ULL, 0xa27abf3670a7e980ULL,
	0xb4bcc0db243c6d75ULL, 0x23f8d852fdb71513ULL, 0x8f035f4da67d8a08ULL, 0xd89cd0e5b7e8f148ULL,
	0xf6f4e6bcf7a644eeULL, 0xaec59ad80f1837f2ULL, 0xc3b2f6154b6694e0ULL, 0x9d199062b7bbb3a8ULL,
};

/* shmt_keyhash() under ref_key (the pinned values of test_keyhash()). */
#define KEYHASH_K1 0xff08b1950b705e4eULL
#define KEYHASH_IP 0xa1f518d90e783a6dULL
#define KEYHASH_ROW 0xadfe49c795af5287ULL
#define KEYHASH_16 0x68c6633c1a2030a0ULL

static const uint8_t ref_key[16] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
};

static void test_paper_example(void)
{
	uint8_t msg[15];
	for (int i = 0; i < 15; i++) {
		msg[i] = (uint8_t)i;
	}
	CHECK_U64(shmt_siphash24(ref_key, msg, sizeof msg), 0xa129ca6149be45e5ULL);
}

static void test_reference_vectors(void)
{
	uint8_t msg[64];
	for (int i = 0; i < 64; i++) {
		msg[i] = (uint8_t)i;
	}
	for (size_t len = 0; len < 64; len++) {
		uint64_t h24 = shmt_siphash24(ref_key, msg, len);
		uint64_t h13 = shmt_siphash13(ref_key, msg, len);
		if (h24 != sip24_vectors[len]) {
			UNIT_FAIL("SipHash-2-4 of %zu bytes: %016" PRIx64 ", expected %016" PRIx64,
			          len, h24, sip24_vectors[len]);
		}
		if (h13 != sip13_vectors[len]) {
			UNIT_FAIL("SipHash-1-3 of %zu bytes: %016" PRIx64 ", expected %016" PRIx64,
			          len, h13, sip13_vectors[len]);
		}
		unit_checks += 2;
	}
	/* An empty message may come with a NULL pointer. */
	CHECK_U64(shmt_siphash13(ref_key, NULL, 0), sip13_vectors[0]);
	CHECK_U64(shmt_siphash24(ref_key, NULL, 0), sip24_vectors[0]);
}

/* The same bytes at every alignment hash the same (no aligned-load tricks
 * that read the wrong bytes, or past the end). */
static void test_alignment(void)
{
	uint8_t buf[64 + 8 + 8];
	uint8_t msg[64];
	for (int i = 0; i < 64; i++) {
		msg[i] = (uint8_t)(i * 37 + 11);
	}
	for (size_t len = 0; len <= 64; len++) {
		uint64_t want = shmt_siphash13(ref_key, msg, len);
		for (size_t off = 0; off < 8; off++) {
			memset(buf, 0xa5, sizeof buf);
			memcpy(buf + off, msg, len);
			CHECK_U64(shmt_siphash13(ref_key, buf + off, len), want);
		}
	}
	/* Also the key itself at an odd address. */
	uint8_t kbuf[17];
	memcpy(kbuf + 1, ref_key, 16);
	CHECK_U64(shmt_siphash13(kbuf + 1, msg, 15), shmt_siphash13(ref_key, msg, 15));
}

static int popcount64(uint64_t x)
{
	return __builtin_popcountll(x);
}

/* Determinism, and every key bit and every message bit matters. */
static void test_sensitivity(void)
{
	const char *msg = "203.0.113.7:session:8f2c";
	size_t len = strlen(msg);
	uint64_t base = shmt_siphash13(ref_key, msg, len);

	for (int i = 0; i < 100; i++) {
		CHECK_U64(shmt_siphash13(ref_key, msg, len), base);
	}

	long total_flips = 0;
	int tries = 0;
	for (int bit = 0; bit < 128; bit++) {
		uint8_t k[16];
		memcpy(k, ref_key, 16);
		k[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		uint64_t h = shmt_siphash13(k, msg, len);
		CHECK(h != base);
		total_flips += popcount64(h ^ base);
		tries++;
	}
	char m[64];
	memcpy(m, msg, len);
	for (size_t bit = 0; bit < len * 8; bit++) {
		m[bit / 8] ^= (char)(1u << (bit % 8));
		uint64_t h = shmt_siphash13(ref_key, m, len);
		m[bit / 8] ^= (char)(1u << (bit % 8));
		CHECK(h != base);
		total_flips += popcount64(h ^ base);
		tries++;
	}
	/* One flipped input bit flips about half the output bits. */
	double mean = (double)total_flips / tries;
	if (mean < 28.0 || mean > 36.0) {
		UNIT_FAIL("avalanche: a one-bit change flips %.2f output bits on average", mean);
	}
	unit_checks++;

	/* Length is part of the input: trailing zero bytes change the hash. */
	uint8_t z[16] = {0};
	uint64_t seen[17];
	for (size_t l = 0; l <= 16; l++) {
		seen[l] = shmt_siphash13(ref_key, z, l);
		for (size_t j = 0; j < l; j++) {
			CHECK(seen[j] != seen[l]);
		}
	}
	CHECK(shmt_siphash13(ref_key, "a", 1) != shmt_siphash13(ref_key, "a\0", 2));
	/* 1-3 and 2-4 are different functions. */
	CHECK(shmt_siphash13(ref_key, msg, len) != shmt_siphash24(ref_key, msg, len));
}

/* shmt_keyhash(): SipHash-1-3 above 16 bytes and for the empty key; below,
 * the keyed multiply hash: the same at every alignment, every length and
 * every input and key bit matters, trailing zeros count, and the values
 * are pinned (stored tables depend on them; changing them needs a new
 * layout version). */
static void test_keyhash(void)
{
	uint8_t msg[64], buf[64 + 8];
	for (int i = 0; i < 64; i++) {
		msg[i] = (uint8_t)(i * 37 + 11);
	}
	CHECK_U64(shmt_keyhash(ref_key, NULL, 0), shmt_siphash13(ref_key, NULL, 0));
	for (size_t len = 17; len <= 64; len++) {
		CHECK_U64(shmt_keyhash(ref_key, msg, len), shmt_siphash13(ref_key, msg, len));
	}
	for (size_t len = 1; len <= 16; len++) {
		uint64_t want = shmt_keyhash(ref_key, msg, len);
		CHECK(want != shmt_siphash13(ref_key, msg, len));
		for (size_t off = 0; off < 8; off++) {
			memset(buf, 0xa5, sizeof buf);
			memcpy(buf + off, msg, len);
			CHECK_U64(shmt_keyhash(ref_key, buf + off, len), want);
		}
		/* Every message bit and every key bit changes the hash. */
		for (size_t bit = 0; bit < len * 8; bit++) {
			memcpy(buf, msg, len);
			buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			CHECK(shmt_keyhash(ref_key, buf, len) != want);
		}
		for (int bit = 0; bit < 128; bit++) {
			uint8_t k[16];
			memcpy(k, ref_key, 16);
			k[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			CHECK(shmt_keyhash(k, msg, len) != want);
		}
	}
	uint8_t z[16] = {0};
	for (size_t l = 1; l <= 16; l++) {
		for (size_t j = 1; j < l; j++) {
			CHECK(shmt_keyhash(ref_key, z, j) != shmt_keyhash(ref_key, z, l));
		}
	}
	CHECK_U64(shmt_keyhash(ref_key, "k1", 2), KEYHASH_K1);
	CHECK_U64(shmt_keyhash(ref_key, "10.0.1.7", 8), KEYHASH_IP);
	CHECK_U64(shmt_keyhash(ref_key, "row:000042", 10), KEYHASH_ROW);
	CHECK_U64(shmt_keyhash(ref_key, "0123456789abcdef", 16), KEYHASH_16);
}

static shmt_table *make_table(uint32_t size)
{
	shmt_coldef cols[1] = { unit_col("n", SHMT_TYPE_INT, 0) };
	shmt_table *t = NULL;
	uint64_t asked = 0;
	int bad = 0;
	shmt_status st = shmt_create(&t, size, 63, cols, 1, &asked, &bad);
	if (st != SHMT_OK || t == NULL) {
		fprintf(stderr, "shmt_create(%u) failed: %s\n", size, unit_status_name(st));
		exit(1);
	}
	return t;
}

/* Each table draws its own seed: the same key hashes differently in two
 * tables, and consistently within one. */
static void test_table_seeds(void)
{
	shmt_table *a = make_table(1000);
	shmt_table *b = make_table(1000);
	int differ = 0, same_bucket = 0;
	for (int i = 0; i < 256; i++) {
		char key[32];
		int n = snprintf(key, sizeof key, "user:%d", i);
		uint64_t ha = shmt_hash(a, key, (size_t)n);
		uint64_t hb = shmt_hash(b, key, (size_t)n);
		CHECK_U64(shmt_hash(a, key, (size_t)n), ha);
		CHECK_U64(shmt_hash(b, key, (size_t)n), hb);
		differ += ha != hb;
		uint32_t ba = shmt_bucket_of(a, key, (size_t)n);
		uint32_t bb = shmt_bucket_of(b, key, (size_t)n);
		CHECK(ba < shmt_bucket_count(a));
		CHECK(bb < shmt_bucket_count(b));
		CHECK(shmt_bucket_of(a, key, (size_t)n) == ba);
		same_bucket += ba == bb;
	}
	/* 256 chances for a 2^-64 coincidence: all must differ. */
	CHECK(differ == 256);
	/* With independent seeds, about 256/1000 keys share a bucket number by
	 * chance; the same seed in both would give 256. */
	if (same_bucket > 40) {
		UNIT_FAIL("%d of 256 keys land in the same bucket of two tables: seeds not independent?",
		          same_bucket);
	}
	unit_checks++;
	shmt_close(a);
	shmt_close(b);
}

/* A child forked after create() hashes exactly like its parent: the seed
 * lives in the shared header. */
static void test_hash_across_fork(void)
{
	shmt_table *t = make_table(64);
	const char *key = "10.0.0.1";
	uint64_t h = shmt_hash(t, key, strlen(key));
	int fds[2];
	if (pipe(fds) != 0) {
		perror("pipe");
		exit(1);
	}
	pid_t pid = fork();
	if (pid == 0) {
		uint64_t hc = shmt_hash(t, key, strlen(key));
		ssize_t w = write(fds[1], &hc, sizeof hc);
		_exit(w == (ssize_t)sizeof hc ? 0 : 1);
	}
	CHECK(pid > 0);
	uint64_t got = 0;
	ssize_t r = read(fds[0], &got, sizeof got);
	CHECK(r == (ssize_t)sizeof got);
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_U64(got, h);
	close(fds[0]);
	close(fds[1]);
	shmt_close(t);
}

/* Sequential and prefixed keys, the ones that defeat a ×33 hash with a
 * power-of-two mask, spread over the buckets like random ones would. */
static void test_spread(void)
{
	const uint32_t nb_rows = 1024;
	shmt_table *t = make_table(nb_rows);
	uint32_t nb = shmt_bucket_count(t);
	CHECK(nb >= 1);
	uint32_t *load = calloc(nb, sizeof *load);
	if (!load) {
		exit(1);
	}
	const int nkeys = 200000;
	for (int style = 0; style < 3; style++) {
		memset(load, 0, nb * sizeof *load);
		for (int i = 0; i < nkeys; i++) {
			char key[48];
			int n;
			if (style == 0) {
				n = snprintf(key, sizeof key, "%d", i);
			} else if (style == 1) {
				n = snprintf(key, sizeof key, "session:%08d", i);
			} else {
				n = snprintf(key, sizeof key, "192.168.%d.%d", i / 256, i % 256);
			}
			uint32_t bkt = shmt_bucket_of(t, key, (size_t)n);
			if (bkt >= nb) {
				UNIT_FAIL("bucket %u out of range %u", bkt, nb);
				break;
			}
			load[bkt]++;
		}
		double mean = (double)nkeys / nb;
		double chi2 = 0.0;
		uint32_t mx = 0, mn = UINT32_MAX;
		for (uint32_t i = 0; i < nb; i++) {
			double d = load[i] - mean;
			chi2 += d * d / mean;
			if (load[i] > mx) {
				mx = load[i];
			}
			if (load[i] < mn) {
				mn = load[i];
			}
		}
		/* chi2 has nb-1 degrees of freedom: mean ~nb, sd ~sqrt(2nb) = 45;
		 * allow 6 sd. */
		double limit = nb + 6.0 * __builtin_sqrt(2.0 * nb);
		if (chi2 > limit || mx > 2 * mean || mn < mean / 2) {
			UNIT_FAIL("key style %d: uneven buckets: chi2 %.1f (limit %.1f), min %u, max %u, mean %.1f",
			          style, chi2, limit, mn, mx, mean);
		}
		unit_checks++;
	}
	free(load);
	shmt_close(t);
}

int main(void)
{
	test_paper_example();
	test_reference_vectors();
	test_alignment();
	test_keyhash();
	test_sensitivity();
	test_table_seeds();
	test_hash_across_fork();
	test_spread();
	return unit_finish("test_hash");
}
