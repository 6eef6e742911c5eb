package dev.esl.tagmanager.audit;

import dev.esl.audit.AuditLog;
import dev.esl.audit.sink.AuditEventMapper;
import dev.esl.audit.sink.AuditSchema;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.mybatis.spring.SqlSessionTemplate;
import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit-log library wired in: its mapper added to our MyBatis configuration and taken from the Spring-managed
 * session (so it runs in the caller's transaction), and its tables created by Flyway as migration 4.
 */
@Configuration
class AuditConfig {

    @Bean
    ConfigurationCustomizer auditMapper() {
        return configuration -> configuration.addMapper(AuditEventMapper.class);
    }

    @Bean
    AuditEventMapper auditEventMapper(SqlSessionTemplate sessions) {
        return sessions.getMapper(AuditEventMapper.class);
    }

    @Bean
    AuditLog auditLog(AuditEventMapper mapper) {
        return new AuditLog(mapper);
    }

    /**
     * V4: the audit tables, from the DDL the library ships (the same the library's own tests create). Its checksum is
     * the DDL's, so Flyway notices if a later library changes it in place.
     */
    @Bean
    JavaMigration auditTablesMigration() {
        return new JavaMigration() {
            @Override
            public MigrationVersion getVersion() {
                return MigrationVersion.fromVersion("4");
            }

            @Override
            public String getDescription() {
                return "audit";
            }

            @Override
            public Integer getChecksum() {
                return String.join(";", AuditSchema.statements()).hashCode();
            }

            @Override
            public boolean canExecuteInTransaction() {
                return true;
            }

            @Override
            public void migrate(Context context) throws Exception {
                AuditSchema.create(context.getConnection());
            }
        };
    }
}
