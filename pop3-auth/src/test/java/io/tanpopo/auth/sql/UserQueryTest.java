package io.tanpopo.auth.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserQueryTest {

    @Test
    void eachUserParameter_becomesABoundPlaceholder() {
        UserQuery query = UserQuery.parse("k", "SELECT password FROM t WHERE name = :user OR alias = :user");
        assertThat(query.jdbc()).isEqualTo("SELECT password FROM t WHERE name = ? OR alias = ?");
        assertThat(query.parameters()).isEqualTo(2);
    }

    @Test
    void userInsideQuotesComments_castsAndLongerNames_isLeftAlone() {
        UserQuery query = UserQuery.parse(
                "k",
                "SELECT ':user' AS a, \":user\", `:user`, x::user, :username -- :user\n"
                        + "/* :user */ FROM t WHERE u = :user");
        assertThat(query.jdbc())
                .isEqualTo("SELECT ':user' AS a, \":user\", `:user`, x::user, :username -- :user\n"
                        + "/* :user */ FROM t WHERE u = ?");
        assertThat(query.parameters()).isEqualTo(1);
    }

    @Test
    void aQueryWithoutUser_isRefused_namingTheKey() {
        assertThatThrownBy(() -> UserQuery.parse("auth.sql.password-query", "SELECT password FROM t WHERE u = 'x'"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("auth.sql.password-query: the query must take the user name as :user");
    }

    @Test
    void aQuestionMarkOfItsOwn_isRefused_sinceNothingWouldBindIt() {
        assertThatThrownBy(() -> UserQuery.parse("auth.sql.user-query", "SELECT home FROM t WHERE u = ?"))
                .hasMessageStartingWith("auth.sql.user-query: write the user name as :user");
        assertThat(UserQuery.parse("k", "SELECT '?' FROM t WHERE u = :user").jdbc())
                .isEqualTo("SELECT '?' FROM t WHERE u = ?");
    }
}
