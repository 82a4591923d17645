package io.tanpopo.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaildirMessageNameTest {

    private static MessageName name(String fileName) {
        return MessageName.parse(fileName).orElseThrow();
    }

    @Test
    void withFlags_alreadySortedAndPresent_returnsTheSameName() {
        MessageName n = name("1.M1.h:2,RS");
        assertThat(n.withFlags("")).isSameAs(n.fileName());
        assertThat(n.withFlags("S")).isSameAs(n.fileName());
    }

    @Test
    void withFlags_addsSortsAndDeduplicates() {
        assertThat(name("1.M1.h").withFlags("")).isEqualTo("1.M1.h:2,");
        assertThat(name("1.M1.h").withFlags("S")).isEqualTo("1.M1.h:2,S");
        assertThat(name("1.M1.h:2,").withFlags("S")).isEqualTo("1.M1.h:2,S");
        assertThat(name("1.M1.h:2,TF").withFlags("S")).isEqualTo("1.M1.h:2,FST");
        assertThat(name("1.M1.h:2,SFS").withFlags("")).isEqualTo("1.M1.h:2,FS");
        assertThat(name("1.M1.h:1,x").withFlags("S")).isEqualTo("1.M1.h:1,x");
    }

    @Test
    void parse_readsDeliveryTimeAndMicroseconds_once() {
        MessageName n = name("1700000000.M123456P42.host,S=5:2,S");
        assertThat(n.deliveryTime()).isEqualTo(1_700_000_000L);
        assertThat(n.microseconds()).isEqualTo(123_456L);
        assertThat(name("nodigits.host").deliveryTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(name("5.P1.host").microseconds()).isZero();
    }

    @Test
    void order_byTimeThenMicrosecondsThenBase() {
        List<MessageFile> files = new ArrayList<>();
        for (String n : List.of("x.host", "2.M5P1.b", "2.M5P1.a", "2.M40P1.a", "1.M999P1.z:2,S")) {
            files.add(new MessageFile(false, name(n), 1, 1));
        }
        files.sort(MessageFile.ORDER);
        assertThat(files)
                .extracting(f -> f.name().base())
                .containsExactly("1.M999P1.z", "2.M5P1.a", "2.M5P1.b", "2.M40P1.a", "x.host");
    }
}
