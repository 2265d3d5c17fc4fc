/** The two annotations a user puts on a model, and their enums; nothing else. */
package io.expertize.annotations;
