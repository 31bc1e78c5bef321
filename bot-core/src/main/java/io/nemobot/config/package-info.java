/** Configuration: settings by name (environment over properties), skill profiles, validation. */
package io.nemobot.config;
