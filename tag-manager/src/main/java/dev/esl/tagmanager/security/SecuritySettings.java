package dev.esl.tagmanager.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first user: created as a chain manager when no user exists yet, so a new installation can be signed in to.
 *
 * @param adminUsername its name
 * @param adminPassword its password (ESL_SECURITY_ADMIN_PASSWORD); when empty, a random one is made and logged once
 */
@ConfigurationProperties("esl.security")
public record SecuritySettings(@DefaultValue("admin") String adminUsername, @DefaultValue("") String adminPassword) {
}
