/** The fault suite: the backend, the chat platform and chat users misbehaving; each case checks what the user sees and that nothing is lost or doubled. */
package io.nemobot.faults;
