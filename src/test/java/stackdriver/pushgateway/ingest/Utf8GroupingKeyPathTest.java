package stackdriver.pushgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.store.GroupingKey;

/** Label names in the push path with gateway.push.enable-utf8-names, as the Pushgateway 1.11 reads them. */
class Utf8GroupingKeyPathTest {

    private final GroupingKeyPath utf8 = new GroupingKeyPath("pushgateway", true);
    private final GroupingKeyPath legacy = new GroupingKeyPath("pushgateway", false);

    @Test
    void aU__NameIsUnescaped() {
        assertThat(utf8.parse("/job/j/instance/i/U__dotted_2e_label_2e_name/v"))
                .isEqualTo(GroupingKey.of("job", "j", "instance", "i", "dotted.label.name", "v"));
    }

    @Test
    void doubledUnderscoresAreOneAndHexDigitsOfAnyCaseNameACodePoint() {
        assertThat(utf8.parse("/job/j/U__a__b_1F60A__e9_/v")).isEqualTo(GroupingKey.of("job", "j", "a_b😊é", "v"));
    }

    @Test
    void aNameThatStartsWithU__ItselfIsEscapedToo() {
        assertThat(utf8.parse("/job/j/U___55_____x/v")).isEqualTo(GroupingKey.of("job", "j", "U__x", "v"));
    }

    @Test
    void escapedNamesTakeBase64ValuesAndBase64Jobs() {
        assertThat(utf8.parse("/job@base64/dGVzdC9qb2I=/instance@base64/dGVzdGluc3RhbmNl/U__dotted_2e_label_2e_name@base64/bXlsYWJlbHZhbHVl"))
                .isEqualTo(GroupingKey.of("job", "test/job", "instance", "testinstance", "dotted.label.name", "mylabelvalue"));
    }

    @Test
    void anyNameIsALabelNameWithUtf8NamesOn() {
        assertThat(utf8.parse("/job/j/a-b/v/1abc/w")).isEqualTo(GroupingKey.of("job", "j", "a-b", "v", "1abc", "w"));
    }

    @Test
    void aBrokenEscapeIsA400WithTheReason() {
        assertRejected("/job/j/U__in_xxx_valid/v", "improper label name \"U__in_xxx_valid\": \"_xxx_\" is not a hexadecimal code point");
        assertRejected("/job/j/U__a_2e/v", "improper label name \"U__a_2e\": escape at byte 4 has no closing underscore");
        assertRejected("/job/j/U__a_d800_/v", "improper label name \"U__a_d800_\": \"_d800_\" is not a Unicode character");
        assertRejected("/job/j/U__a_1234567_/v", "improper label name \"U__a_1234567_\": \"_1234567_\" is not a hexadecimal code point");
    }

    @Test
    void reservedAndEmptyNamesStayImproper() {
        assertRejected("/job/j/__x/v", "improper label name \"__x\"");
        assertRejected("/job/j/U______name____/v", "improper label name \"U______name____\"");
        assertRejected("/job/j/U__/v", "improper label name \"U__\"");
    }

    @Test
    void withUtf8NamesOffU__IsAnOrdinaryNameAndOtherNamesAreImproperAsBefore() {
        assertThat(legacy.parse("/job/j/U__label_2e_name2/v")).isEqualTo(GroupingKey.of("job", "j", "U__label_2e_name2", "v"));
        assertThatThrownBy(() -> legacy.parse("/job/j/a-b/v")).hasMessage("improper label name \"a-b\"");
        assertThat(legacy.parse("/job/j/U__in_xxx_valid/v")).isEqualTo(GroupingKey.of("job", "j", "U__in_xxx_valid", "v"));
    }

    @Test
    void aRenderedKeyWithUtf8NamesReadsBackTheSame() {
        GroupingKey key = GroupingKey.of("job", "j", "dotted.label", "v", "a_b/c", "w", "U__x", "y");
        assertThat(GroupingKeyPath.render(key)).contains("/U__dotted_2e_label@base64/");
        assertThat(utf8.parse(GroupingKeyPath.render(key))).isEqualTo(key);
    }

    private void assertRejected(String path, String reason) {
        assertThatThrownBy(() -> utf8.parse(path))
                .isInstanceOfSatisfying(PushRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage(reason);
    }
}
